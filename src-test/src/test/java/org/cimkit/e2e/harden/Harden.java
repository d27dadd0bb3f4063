package org.cimkit.e2e.harden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.cimkit.e2e.CimClient;
import org.cimkit.e2e.ServerSpec;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimStatus;
import org.cimkit.model.message.CimMessage;
import org.cimkit.server.ServerConfig;

/** Shared setup of the hardening tests. */
final class Harden {
    private Harden() {
    }

    static Path mof() {
        try {
            return Path.of(Harden.class.getResource("/harden/harden.mof").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An in-process server with the Harden_Item class in root/virtualization/v2. */
    static ServerSpec server() {
        return ServerSpec.inProcess().withConfig(Harden::withItemClass);
    }

    private static ServerConfig withItemClass(ServerConfig c) {
        return c.withExtraMof(List.of(new ServerConfig.ExtraMof(CimNamespace.of(Xml.NS), mof())));
    }

    static CimClient.Exchange post(CimClient c, String cimMethod, String cimObject, String xml) throws Exception {
        return c.post(cimMethod, cimObject, Xml.utf8(xml), Map.of());
    }

    static CimClient.Exchange intrinsic(CimClient c, String name, String xml) throws Exception {
        return post(c, name, Xml.OBJECT, xml);
    }

    /** A successful intrinsic response. */
    static CimMessage.IMethodResponse ok(CimClient.Exchange e) {
        assertEquals(200, e.status(), () -> "HTTP " + e.status() + " " + e.header("PGErrorDetail"));
        CimMessage.IMethodResponse r = e.iresponse();
        assertNull(r.error(), () -> "CIM error " + r.error());
        return r;
    }

    /** The EnumerationContext out parameter of an Open or Pull response. */
    static String enumerationContext(CimMessage.IMethodResponse r) {
        return r.outParameters().stream().filter(p -> p.name().equalsIgnoreCase("EnumerationContext"))
                .map(p -> p.value() instanceof org.cimkit.model.message.Argument.Text t ? t.text()
                        : ((org.cimkit.model.CimValue.Scalar) ((org.cimkit.model.message.Argument.Typed) p.value()).value()).toLexical())
                .findFirst().orElseThrow();
    }

    /** An ERROR in an HTTP 200 response, with this status. */
    static CimMessage.Error cimError(CimClient.Exchange e, CimStatus expected) {
        assertEquals(200, e.status(), () -> "HTTP " + e.status() + " " + e.header("PGErrorDetail"));
        CimMessage.Error err = e.message().body() instanceof CimMessage.IMethodResponse r ? r.error()
                : ((CimMessage.MethodResponse) e.message().body()).error();
        assertNotNull(err, "expected CIM error " + expected);
        assertEquals(expected, err.status(), err.description());
        return err;
    }
}
