package org.cimkit.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.security.auth.Subject;

import org.metricshub.wbem.javax.cim.CIMDataType;
import org.metricshub.wbem.javax.cim.CIMObjectPath;
import org.metricshub.wbem.javax.cim.CIMProperty;
import org.metricshub.wbem.javax.wbem.CloseableIterator;
import org.metricshub.wbem.javax.wbem.WBEMException;
import org.metricshub.wbem.javax.wbem.client.PasswordCredential;
import org.metricshub.wbem.javax.wbem.client.UserPrincipal;
import org.metricshub.wbem.javax.wbem.client.WBEMClient;
import org.metricshub.wbem.javax.wbem.client.WBEMClientFactory;

/** Small helpers the JSR48-client tests share. */
public final class Jsr48 {
    private Jsr48() {
    }

    /**
     * A CIM-XML client of the server on a loopback port. Authentication is off on loopback test
     * servers, so the credentials it sends are any.
     */
    public static WBEMClient client(int port) throws WBEMException {
        WBEMClient client = WBEMClientFactory.getClient("CIM-XML");
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal("tester"));
        subject.getPrivateCredentials().add(new PasswordCredential("secret"));
        client.initialize(new CIMObjectPath("http", "127.0.0.1", Integer.toString(port), null, null, null), subject,
                new Locale[] {Locale.US});
        return client;
    }

    /** Everything the iterator yields; an error the client met while reading is thrown, the iterator closed. */
    public static <T> List<T> drain(CloseableIterator<T> it) throws WBEMException {
        List<T> out = new ArrayList<>();
        try {
            while (it.hasNext()) {
                out.add(it.next());
            }
            if (it.getWBEMException() != null) {
                throw it.getWBEMException();
            }
        } finally {
            it.close();
        }
        return out;
    }

    /** A class path (no keys) in a namespace: what the client's enumerations and GetClass take. */
    public static CIMObjectPath classPath(String namespace, String className) {
        return new CIMObjectPath(null, null, null, namespace, className, null);
    }

    /** The path of a Msvm_ComputerSystem (host or VM) of the demo host, by its Name. */
    public static CIMObjectPath computerSystem(String namespace, String name) {
        return new CIMObjectPath(null, null, null, namespace, "Msvm_ComputerSystem", new CIMProperty<?>[] {
            new CIMProperty<>("CreationClassName", CIMDataType.STRING_T, "Msvm_ComputerSystem", true, false, null),
            new CIMProperty<>("Name", CIMDataType.STRING_T, name, true, false, null)});
    }
}
