package org.cimkit.e2e.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.cimkit.e2e.Ops;
import org.cimkit.e2e.RunningServer;
import org.cimkit.e2e.WithServer;
import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.server.console.ConsolePaths;
import org.junit.jupiter.api.Test;

/**
 * A method whose EmbeddedInstance names a general class (Msvm_CollectionSnapshotService.CreateSnapshot:
 * CIM_SettingData) and takes a Hyper-V subclass of it: the form offers the subclasses, shows the chosen
 * one's properties in the sub-form, and the call with it starts the snapshot job, where the general
 * class is the method's own "Invalid Parameter".
 */
@WithServer
class ConsoleMethodFormTest {
    private static final CimNamespace V2 = CimNamespace.of(Ops.VIRT);
    private static final String GROUP = "root/virtualization/v2:Msvm_VirtualSystemCollection.CollectionID=\"78FC5E82-11F0-57BC-B2C7-9A4F74F461C8\"";
    private static final String SNAPSHOT_SD = "Msvm_VirtualSystemSnapshotSettingData";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static String url(RunningServer server, String query) {
        CimObjectPath service = CimObjectPath.forInstance(V2, CimName.of("Msvm_CollectionSnapshotService"), List.of(
                CimKeyBinding.of("CreationClassName", "Msvm_CollectionSnapshotService"),
                CimKeyBinding.of("Name", "CollectionSnapshotService"),
                CimKeyBinding.of("SystemCreationClassName", "Msvm_ComputerSystem"),
                CimKeyBinding.of("SystemName", Ops.HOST)));
        return "http://127.0.0.1:" + server.port() + ConsolePaths.method(service, CimName.of("CreateSnapshot")) + query;
    }

    @Test
    void theSubFormsClassCanBeASubclassOfTheDeclaredOne(RunningServer server) throws Exception {
        HttpResponse<String> plain = get(url(server, ""));
        assertEquals(200, plain.statusCode(), plain.body());
        assertTrue(plain.body().contains("<legend>SnapshotSettings: embedded CIM_SettingData</legend>"), plain.body());
        assertTrue(plain.body().contains("<select name=\"class.SnapshotSettings\" id=\"class-SnapshotSettings\">"), plain.body());
        assertTrue(plain.body().contains("<option>" + SNAPSHOT_SD + "</option>"), plain.body());
        assertFalse(plain.body().contains("in.SnapshotSettings.0.IgnoreNonSnapshottableDisks"), plain.body());

        HttpResponse<String> sub = get(url(server, "&class.SnapshotSettings=" + SNAPSHOT_SD));
        assertEquals(200, sub.statusCode(), sub.body());
        assertTrue(sub.body().contains("<legend>SnapshotSettings: embedded " + SNAPSHOT_SD + "</legend>"), sub.body());
        assertTrue(sub.body().contains("<select name=\"in.SnapshotSettings.0.IgnoreNonSnapshottableDisks\""), sub.body());
        assertTrue(sub.body().contains("<option value=\"1\">1 (Application Consistent)</option>"), sub.body());
        assertTrue(sub.body().contains("<input type=\"hidden\" name=\"class.SnapshotSettings\" value=\"" + SNAPSHOT_SD + "\">"),
                "the form posts the chosen class: " + sub.body());

        HttpResponse<String> notSub = get(url(server, "&class.SnapshotSettings=Msvm_ComputerSystem"));
        assertEquals(400, notSub.statusCode(), notSub.body());
        assertTrue(notSub.body().contains("Msvm_ComputerSystem is not a subclass of CIM_SettingData"), notSub.body());
    }

    @Test
    void theCallWithTheSubclassStartsTheJob(RunningServer server) throws Exception {
        String token = token(get(url(server, "")).body());
        Map<String, String> f = new LinkedHashMap<>();
        f.put("csrf", token);
        f.put("in.Collection", GROUP);
        f.put("in.SnapshotType", "2");
        f.put("class.SnapshotSettings", "CIM_SettingData");
        f.put("in.SnapshotSettings.0.ElementName", "from the console");
        HttpResponse<String> general = post(url(server, ""), f);
        assertEquals(200, general.statusCode(), general.body());
        assertTrue(general.body().contains("<strong id=\"return-value\">4 (Invalid Parameter)</strong>"), general.body());
        assertFalse(general.body().contains("job-link"), general.body());

        f.put("class.SnapshotSettings", SNAPSHOT_SD);
        f.put("in.SnapshotSettings.0.ConsistencyLevel", "2");
        HttpResponse<String> r = post(url(server, ""), f);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("<strong id=\"return-value\">4096 (Method Parameters Checked - Job Started)</strong>"),
                r.body());
        assertTrue(r.body().contains("id=\"job-link\""), r.body());
        assertTrue(r.body().contains("<table id=\"job-progress\" class=\"jobs\">"), r.body());
    }

    private static String token(String form) {
        Matcher m = Pattern.compile("<input type=\"hidden\" name=\"csrf\" value=\"([A-Za-z0-9_-]+)\">").matcher(form);
        assertTrue(m.find(), form);
        return m.group(1);
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url, Map<String, String> fields) throws Exception {
        String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
