package org.cimkit.e2e;

import java.util.ArrayList;
import java.util.List;

import org.metricshub.wbem.javax.cim.CIMDataType;
import org.metricshub.wbem.javax.cim.CIMObjectPath;
import org.metricshub.wbem.javax.cim.CIMProperty;
import org.metricshub.wbem.javax.wbem.CloseableIterator;
import org.metricshub.wbem.javax.wbem.WBEMException;

/** Small helpers the JSR48-client tests share. */
public final class Jsr48 {
    private Jsr48() {
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

    /** The path of a Msvm_ComputerSystem (host or VM) of the demo host, by its Name. */
    public static CIMObjectPath computerSystem(String namespace, String name) {
        return new CIMObjectPath(null, null, null, namespace, "Msvm_ComputerSystem", new CIMProperty<?>[] {
            new CIMProperty<>("CreationClassName", CIMDataType.STRING_T, "Msvm_ComputerSystem", true, false, null),
            new CIMProperty<>("Name", CIMDataType.STRING_T, name, true, false, null)});
    }
}
