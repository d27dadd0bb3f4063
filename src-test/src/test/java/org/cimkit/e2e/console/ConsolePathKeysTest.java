package org.cimkit.e2e.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.cimkit.e2e.CimClient;
import org.cimkit.e2e.Ops;
import org.cimkit.e2e.RunningServer;
import org.cimkit.e2e.WithServer;
import org.cimkit.model.CimClass;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimQualifier;
import org.cimkit.model.CimType;
import org.cimkit.server.console.ConsolePaths;
import org.junit.jupiter.api.Test;

/**
 * An instance whose string key reads like an object path opens from its console address: the
 * address's key stays a string, and the server gives it the type the class declares.
 */
@WithServer
class ConsolePathKeysTest {
    private static final String KEY = "Other_Class.Id=\"x\"";

    @Test
    void aStringKeyThatLooksLikeAPathOpensItsInstance(RunningServer server, CimClient client) throws Exception {
        Ops.createClass(client, Ops.VIRT, CimClass.builder("Console_PathKey")
                .property(new CimProperty(CimName.of("Id"), CimType.STRING, false, null, null, null,
                        List.of(CimQualifier.flag("Key")), null, false))
                .property(new CimProperty(CimName.of("Label"), CimType.STRING, false, null, null, null, List.of(), null,
                        false))
                .build());
        CimObjectPath created = Ops.createInstance(client, Ops.VIRT, CimInstance.builder("Console_PathKey")
                .property("Id", KEY).property("Label", "found by its key").build());
        String url = server.baseUrl() + ConsolePaths.instance(created.withNamespace(CimNamespace.of(Ops.VIRT)));
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("found by its key"), page.body());
    }
}
