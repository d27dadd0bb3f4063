package org.cimkit.e2e.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.cimkit.e2e.CimClient;
import org.cimkit.e2e.CimClient.P;
import org.cimkit.e2e.Ops;
import org.cimkit.e2e.RunningServer;
import org.cimkit.e2e.WithServer;
import org.cimkit.model.CimClass;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimQualifier;
import org.cimkit.model.CimType;
import org.cimkit.model.message.CimMessage;
import org.cimkit.server.console.ConsolePaths;
import org.cimkit.server.security.SecurityConfig;
import org.junit.jupiter.api.Test;

/**
 * Opening a class's first page again and again (each leaves a pull enumeration open) neither runs into
 * the server's per-client limit nor takes enumerations away from a CIM-XML client on the same address.
 */
@WithServer
class ConsoleEnumerationsTest {

    @Test
    void firstPagesOpenedMoreOftenThanTheClientLimitKeepWorking(RunningServer server, CimClient client) throws Exception {
        Ops.createClass(client, Ops.VIRT, CimClass.builder("Console_Many")
                .property(new CimProperty(CimName.of("Id"), CimType.STRING, false, null, null, null,
                        List.of(CimQualifier.flag("Key")), null, false)).build());
        for (int i = 0; i <= 50; i++) {
            Ops.createInstance(client, Ops.VIRT, CimInstance.builder("Console_Many").property("Id", "m" + i).build());
        }
        HttpClient http = HttpClient.newHttpClient();
        URI first = URI.create(server.baseUrl() + ConsolePaths.instances(CimNamespace.of(Ops.VIRT), CimName.of("Console_Many")));
        for (int i = 0; i < SecurityConfig.DEFAULT_MAX_ENUMERATIONS_PER_CLIENT + 8; i++) {
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(first).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode(), "view " + i + ": " + page.body());
            assertTrue(page.body().contains("id=\"next-page\""), "a second page is there");
        }
        for (int i = 0; i < SecurityConfig.DEFAULT_MAX_ENUMERATIONS_PER_CLIENT - 1; i++) {
            CimMessage.IMethodResponse r = client.call(Ops.VIRT, "OpenEnumerateInstancePaths",
                    P.className("ClassName", "Console_Many"), P.value("MaxObjectCount", "1")).iresponse();
            assertNull(r.error(), "CIM-XML enumeration " + i + " from the same address");
        }
    }
}
