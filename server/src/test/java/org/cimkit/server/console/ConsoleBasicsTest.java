package org.cimkit.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimQualifier;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.junit.jupiter.api.Test;

/** The console's building blocks: escaping, CSRF tokens, value text, addresses and error statuses. */
class ConsoleBasicsTest {

    @Test
    void markupInValuesStaysText() {
        assertEquals("&lt;script&gt;alert(1)&lt;/script&gt;", Html.text("<script>alert(1)</script>"));
        String attr = Html.attr("\"><img src=x onerror=alert(2)>");
        assertFalse(attr.contains("\""), attr);
        assertFalse(attr.contains("<"), attr);
        assertEquals("<a href=\"/x?a=1&amp;b=2\">a &lt;b&gt;</a>", Html.link("/x?a=1&b=2", "a <b>"));
        assertEquals("", Html.text(null));
    }

    @Test
    void csrfTokensBelongToOneUserAndOneServerProcess() {
        CsrfTokens tokens = new CsrfTokens();
        String alice = tokens.token("alice");
        assertTrue(tokens.valid("alice", alice));
        assertFalse(tokens.valid("bob", alice));
        assertFalse(tokens.valid("alice", null));
        assertFalse(tokens.valid("alice", alice + "x"));
        assertTrue(tokens.valid(null, tokens.token(null)));
        assertFalse(new CsrfTokens().valid("alice", alice), "another process's key makes other tokens");
    }

    @Test
    void valuesAreNamedFromValueMapAndValues() {
        CimProperty jobState = new CimProperty(CimName.of("JobState"), CimType.UINT16, false, null, null, null,
                List.of(CimQualifier.of("ValueMap", strings("2", "7", "32768..65535")),
                        CimQualifier.of("Values", strings("New", "Completed", "Vendor Reserved"))),
                null, false);
        assertEquals("7 (Completed)", ValueText.of(CimValue.IntegerValue.uint32(7), jobState));
        assertEquals("40000 (Vendor Reserved)", ValueText.of(CimValue.IntegerValue.uint32(40000), jobState));
        assertEquals("3", ValueText.of(CimValue.IntegerValue.uint32(3), jobState));
        assertEquals("NULL", ValueText.of(new CimValue.NullValue(CimType.UINT16, false), jobState));
        assertEquals("[a, b]", ValueText.of(strings("a", "b")));
        CimObjectPath p = CimObjectPath.forInstance(CimNamespace.of("root/x"), CimName.of("C"), List.of());
        assertEquals(p.toString(), ValueText.of(new CimValue.ReferenceValue(p)));
    }

    @Test
    void anInstanceAddressCarriesItsPathWithNamespace() {
        CimObjectPath p = CimObjectPath.parse("root/virtualization/v2:Msvm_ComputerSystem.CreationClassName=\"Msvm_"
                + "ComputerSystem\",Name=\"a&b\"");
        String url = ConsolePaths.instance(p);
        assertTrue(url.startsWith("/console/instance?path="), url);
        assertFalse(url.contains("&b"), "the path is one encoded query component: " + url);
        String encoded = url.substring(url.indexOf('=') + 1);
        assertEquals(p, CimObjectPath.parse(java.net.URLDecoder.decode(encoded, java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void cimErrorsBecomeTheMatchingHttpStatus() {
        assertEquals(403, ConsoleServlet.httpStatus(CimStatus.ACCESS_DENIED));
        assertEquals(404, ConsoleServlet.httpStatus(CimStatus.NOT_FOUND));
        assertEquals(404, ConsoleServlet.httpStatus(CimStatus.INVALID_NAMESPACE));
        assertEquals(400, ConsoleServlet.httpStatus(CimStatus.INVALID_PARAMETER));
        assertEquals(500, ConsoleServlet.httpStatus(CimStatus.FAILED));
        assertNotEquals(200, ConsoleServlet.httpStatus(CimStatus.SERVER_IS_SHUTTING_DOWN));
    }

    private static CimValue.ArrayValue strings(String... s) {
        return new CimValue.ArrayValue(CimType.STRING,
                java.util.Arrays.stream(s).map(x -> (CimValue) new CimValue.StringValue(x)).toList());
    }
}
