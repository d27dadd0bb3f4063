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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.cimkit.e2e.Await;
import org.cimkit.e2e.CimClient;
import org.cimkit.e2e.CimkitServerExtension;
import org.cimkit.e2e.Ops;
import org.cimkit.e2e.RunningServer;
import org.cimkit.e2e.ServerSpec;
import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.server.console.ConsolePaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The method form's POST as a plain HTTP client sees it, on a server with Basic authentication and an
 * ACL: without the CSRF token, with a wrong one (another user's), or from another site's Origin the
 * console answers 403 and starts nothing (no new job, no export directory); with the token of the form
 * the export runs. A user who may read the namespace but not call methods in it gets the form but a
 * 403 for the call, and no job; a bad value is a 400 naming the field, and nothing is called.
 */
class ConsoleCsrfTest {
    private static final String RPC = "E9D2679C-74F0-5E07-B920-69A2C98E1C91";
    private static final CimNamespace V2 = CimNamespace.of(Ops.VIRT);

    @RegisterExtension
    static final CimkitServerExtension SERVER = new CimkitServerExtension(ServerSpec.inProcess().withTempExportRoot()
            .withUser("admin", "secret").withUser("reader", "look").withAcl("""
                    admin * rwx
                    # reader may look at everything in the virtualization namespace, but not call methods
                    reader root/virtualization/v2 r
                    """));

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static RunningServer server;
    private static CimClient admin;

    @BeforeAll
    static void connect(RunningServer s) {
        server = s;
        admin = s.client("admin", "secret");
    }

    private static CimObjectPath service() {
        return CimObjectPath.forInstance(V2, CimName.of("Msvm_CollectionReferencePointService"), List.of(
                CimKeyBinding.of("CreationClassName", "Msvm_CollectionReferencePointService"),
                CimKeyBinding.of("Name", "CollectionReferencePointService"),
                CimKeyBinding.of("SystemCreationClassName", "Msvm_ComputerSystem"),
                CimKeyBinding.of("SystemName", Ops.HOST)));
    }

    private static String exportUrl() {
        return "http://127.0.0.1:" + server.port() + ConsolePaths.method(service(), CimName.of("ExportReferencePoint"));
    }

    private static String collection() {
        return CimObjectPath.forInstance(V2, CimName.of("Msvm_ReferencePointCollection"), List.of(
                CimKeyBinding.of("CollectionID", RPC),
                CimKeyBinding.of("VirtualSystemCollectionId", "78FC5E82-11F0-57BC-B2C7-9A4F74F461C8"))).toString();
    }

    @Test
    void aPostWithoutTheTokenIsRefusedAndStartsNothing() throws Exception {
        refused("admin", "secret", null, null, "no-token");
    }

    @Test
    void aPostWithAWrongTokenIsRefusedAndStartsNothing() throws Exception {
        refused("admin", "secret", "AAAA" + token("admin", "secret").substring(4), null, "wrong-token");
        // a token is the user's own: reader's token does not let a page post as admin
        refused("admin", "secret", token("reader", "look"), null, "other-users-token");
    }

    @Test
    void aPostFromAnotherSiteIsRefusedEvenWithTheToken() throws Exception {
        refused("admin", "secret", token("admin", "secret"), "http://evil.example", "foreign-origin");
    }

    @Test
    void aPostFromAnOpaqueOriginIsRefusedEvenWithTheToken() throws Exception {
        // what a sandboxed frame sends; the console's own pages send their origin (Referrer-Policy same-origin)
        refused("admin", "secret", token("admin", "secret"), "null", "null-origin");
    }

    @Test
    void aUserWithoutTheMethodRightGetsTheFormButNotTheCall() throws Exception {
        HttpResponse<String> form = get("reader", "look", exportUrl());
        assertEquals(200, form.statusCode(), form.body());
        assertTrue(form.body().contains("id=\"method-form\""), form.body());
        refused("reader", "look", token("reader", "look"), null, "no-right");
    }

    @Test
    void aBadValueIsA400NamingTheFieldAndNothingIsCalled() throws Exception {
        Set<String> before = jobs();
        String url = "http://127.0.0.1:" + server.port() + ConsolePaths.method(service(), CimName.of("CreateReferencePoint"));
        Map<String, String> f = new LinkedHashMap<>();
        f.put("csrf", token("admin", "secret"));
        f.put("in.Collection", "root/virtualization/v2:Msvm_VirtualSystemCollection.CollectionID=\"78FC5E82-11F0-57BC-B2C7-9A4F74F461C8\"");
        f.put("in.ReferencePointType", "two");
        HttpResponse<String> r = post("admin", "secret", url, f, null);
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(error(r).startsWith("CIM_ERR_INVALID_PARAMETER: ReferencePointType: "), error(r));
        assertEquals(before, jobs());
    }

    @Test
    void theFormsOwnTokenRunsTheCall() throws Exception {
        Set<String> before = jobs();
        Path dir = server.exportRoot().resolve("with-token");
        HttpResponse<String> r = post("admin", "secret", exportUrl(), fields(token("admin", "secret"), dir),
                "http://127.0.0.1:" + server.port());
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("<strong id=\"return-value\">4096 (Method Parameters Checked - Job Started)</strong>"),
                r.body());
        assertTrue(r.body().contains("id=\"job-link\""), r.body());
        Set<String> after = jobs();
        after.removeAll(before);
        assertEquals(1, after.size(), after.toString());
        Path file = dir.resolve("ReferencePointCollection_" + RPC + ".cimxml");
        Await.until("the export file " + file, Duration.ofSeconds(30), () -> Files.isRegularFile(file));
    }

    /** A POST of a whole export form that the console must refuse with 403, with nothing started. */
    private static void refused(String user, String password, String token, String origin, String dirName)
            throws Exception {
        Set<String> before = jobs();
        Path dir = server.exportRoot().resolve(dirName);
        HttpResponse<String> r = post(user, password, exportUrl(), fields(token, dir), origin);
        assertEquals(403, r.statusCode(), r.body());
        assertFalse(error(r).isEmpty(), r.body());
        assertFalse(r.body().contains("return-value"), r.body());
        assertEquals(before, jobs(), "a refused call started a job");
        assertFalse(Files.exists(dir), "a refused call wrote " + dir);
    }

    private static Map<String, String> fields(String token, Path dir) {
        Map<String, String> f = new LinkedHashMap<>();
        if (token != null) {
            f.put("csrf", token);
        }
        f.put("in.ReferencePointCollection", collection());
        f.put("in.ExportDirectory", dir.toString());
        return f;
    }

    /** The CSRF token the method form carries for this user. */
    private static String token(String user, String password) throws Exception {
        HttpResponse<String> form = get(user, password, exportUrl());
        assertEquals(200, form.statusCode(), form.body());
        Matcher m = Pattern.compile("<input type=\"hidden\" name=\"csrf\" value=\"([A-Za-z0-9_-]+)\">").matcher(form.body());
        assertTrue(m.find(), form.body());
        return m.group(1);
    }

    private static Set<String> jobs() throws Exception {
        return Ops.instanceNames(admin, Ops.VIRT, "CIM_ConcreteJob").stream().map(CimObjectPath::toString)
                .collect(Collectors.toSet());
    }

    private static String error(HttpResponse<String> r) {
        Matcher m = Pattern.compile("id=\"error\">([^<]*)<").matcher(r.body());
        return m.find() ? m.group(1) : "";
    }

    private static HttpResponse<String> get(String user, String password, String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", basic(user, password)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String user, String password, String url, Map<String, String> fields,
            String origin) throws Exception {
        String body = fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Authorization", basic(user, password))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (origin != null) {
            b.header("Origin", origin);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
