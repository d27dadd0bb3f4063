package org.cimkit.e2e.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cimkit.e2e.CimClient;
import org.cimkit.e2e.CimkitServerExtension;
import org.cimkit.e2e.Ops;
import org.cimkit.e2e.RunningServer;
import org.cimkit.e2e.ServerSpec;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.server.console.ConsolePaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The console's security as a plain HTTP client sees it: the Content-Security-Policy on every answer,
 * Basic authentication as on the CIM-XML door, the namespace ACL (what alice may not read she neither
 * sees nor opens), only same-origin assets, and no console at all when it is turned off.
 */
class ConsoleSecurityTest {
    @RegisterExtension
    static final CimkitServerExtension SERVER = new CimkitServerExtension(ServerSpec.inProcess()
            .withUser("alice", "wonder").withUser("admin", "secret").withAcl("""
                    # alice reads the virtualization namespace only
                    alice root/virtualization/v2 r
                    admin * rwx
                    """));
    /** A URL-valued attribute, quoted either way or not at all. */
    private static final Pattern URL_ATTRIBUTE = Pattern.compile(
            "\\b(?:src|href|action|formaction|srcset)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+))");
    private static final CimNamespace VIRT = CimNamespace.of(Ops.VIRT);
    private static final CimNamespace INTEROP = CimNamespace.of(Ops.INTEROP);
    private static final CimObjectPath HOST = Ops.path("Msvm_ComputerSystem", "CreationClassName", "Msvm_ComputerSystem",
            "Name", Ops.HOST).withNamespace(VIRT);

    private static String base;
    private static CimObjectPath interopInstance;

    @BeforeAll
    static void find(RunningServer server) throws Exception {
        base = server.baseUrl();
        CimClient admin = server.client("admin", "secret");
        interopInstance = Ops.instanceNames(admin, Ops.INTEROP, "CIM_Namespace").get(0).withNamespace(INTEROP);
    }

    /** The browse pages, a method form, the jobs page, the assets and an unknown page. */
    private static List<String> consolePages() {
        return List.of(ConsolePaths.home(), ConsolePaths.classes(VIRT),
                ConsolePaths.cimClass(VIRT, CimName.of("Msvm_ComputerSystem")),
                ConsolePaths.instances(VIRT, CimName.of("Msvm_ComputerSystem")), ConsolePaths.instance(HOST),
                ConsolePaths.method(HOST, CimName.of("RequestStateChange")), ConsolePaths.jobs(),
                ConsolePaths.asset("console.css"), ConsolePaths.asset("console.js"), ConsolePaths.ROOT + "/no-such-page");
    }

    @Test
    void everyAnswerCarriesTheContentSecurityPolicy() throws Exception {
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (String page : consolePages()) {
            answers.add(get(page, "admin", "secret"));
        }
        answers.add(get(ConsolePaths.home(), null, null)); // 401
        answers.add(get(ConsolePaths.classes(INTEROP), "alice", "wonder")); // 403
        for (HttpResponse<String> r : answers) {
            String csp = r.headers().firstValue("Content-Security-Policy").orElse(null);
            assertNotNull(csp, () -> r.uri() + " " + r.statusCode() + " has no Content-Security-Policy");
            assertTrue(csp.contains("default-src 'none'") && csp.contains("script-src 'self'")
                    && csp.contains("style-src 'self'"), csp);
            assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval") || csp.contains("*"), csp);
        }
        assertEquals(200, answers.get(0).statusCode());
        assertEquals(200, answers.get(4).statusCode(), answers.get(4).body()); // the host's instance page
    }

    @Test
    void withoutOrWithWrongCredentialsTheConsoleAsksForThem() throws Exception {
        for (String page : List.of(ConsolePaths.home(), ConsolePaths.instance(HOST))) {
            HttpResponse<String> none = get(page, null, null);
            assertEquals(401, none.statusCode(), none.body());
            assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"), none.headers().toString());
            assertFalse(none.body().contains(Ops.HOST), none.body());
        }
        HttpResponse<String> wrong = get(ConsolePaths.instance(HOST), "alice", "not-her-password");
        assertEquals(401, wrong.statusCode(), wrong.body());
        assertTrue(wrong.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
        assertFalse(wrong.body().contains("CIMKIT-DEMO-HOST\""), wrong.body());
        HttpResponse<String> unknownUser = get(ConsolePaths.home(), "mallory", "wonder");
        assertEquals(401, unknownUser.statusCode(), unknownUser.body());

        assertEquals(200, get(ConsolePaths.instance(HOST), "alice", "wonder").statusCode());
    }

    @Test
    void aNamespaceTheUserMayNotReadIsNeitherListedNorOpened() throws Exception {
        HttpResponse<String> home = get(ConsolePaths.home(), "alice", "wonder");
        assertEquals(200, home.statusCode());
        assertTrue(home.body().contains(">" + Ops.VIRT + "</a>"), home.body());
        for (String hidden : List.of(Ops.INTEROP, "test/TestProvider")) {
            assertFalse(home.body().contains(hidden), home.body());
            assertTrue(get(ConsolePaths.home(), "admin", "secret").body().contains(">" + hidden + "</a>"), "admin sees " + hidden);
        }
        List<String> refused = List.of(ConsolePaths.classes(INTEROP),
                ConsolePaths.cimClass(INTEROP, CimName.of("CIM_Namespace")),
                ConsolePaths.instances(INTEROP, CimName.of("CIM_Namespace")), ConsolePaths.instance(interopInstance),
                ConsolePaths.classes(CimNamespace.of("test/TestProvider")));
        for (String page : refused) {
            HttpResponse<String> r = get(page, "alice", "wonder");
            assertEquals(403, r.statusCode(), page + ": " + r.body());
            assertTrue(r.body().contains("id=\"error\""), r.body());
            assertFalse(r.body().contains("CIM_ObjectManager"), r.body());
            assertEquals(200, get(page, "admin", "secret").statusCode(), page);
        }
        assertEquals(200, get(ConsolePaths.classes(VIRT), "alice", "wonder").statusCode());
    }

    @Test
    void everyScriptStyleAndLinkIsSameOrigin() throws Exception {
        int checked = 0;
        for (String page : consolePages()) {
            HttpResponse<String> r = get(page, "admin", "secret");
            String type = r.headers().firstValue("Content-Type").orElse("");
            if (type.startsWith("text/html")) {
                Matcher m = URL_ATTRIBUTE.matcher(r.body());
                while (m.find()) {
                    String quoted = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
                    String url = quoted.replace("&amp;", "&");
                    assertTrue(url.startsWith("/") && !url.startsWith("//") || url.startsWith("#") || url.startsWith("?"),
                            () -> page + " refers to " + url);
                    checked++;
                }
            } else if (type.startsWith("text/css")) {
                assertFalse(r.body().contains("@import") || r.body().contains("url("), "the style sheet fetches nothing");
            }
        }
        assertTrue(checked > 50, "links found: " + checked);
    }

    /** The CSP forbids inline code and styles: markup that needs them would silently break in a browser. */
    @Test
    void noPageNeedsInlineScriptsOrStyles() throws Exception {
        Pattern inline = Pattern.compile(
                // inside a tag (text has its '<' escaped, so a match is real markup)
                "(?i)<[^>]*\\s(style|on[a-z]+)\\s*=|<style|<[^>]*=\\s*\"?javascript:|<script(?![^>]*\\ssrc=)");
        List<String> pages = new ArrayList<>(consolePages());
        pages.add(ConsolePaths.method(org.cimkit.model.CimObjectPath.parse(VIRT.value()
                + ":Msvm_CollectionReferencePointService.CreationClassName=\"Msvm_CollectionReferencePointService\","
                + "Name=\"CollectionReferencePointService\",SystemCreationClassName=\"Msvm_ComputerSystem\","
                + "SystemName=\"CIMKIT-DEMO-HOST\""), CimName.of("ExportReferencePoint")));
        pages.add(ConsolePaths.jobRows());
        for (String page : pages) {
            HttpResponse<String> r = get(page, "admin", "secret");
            if (r.headers().firstValue("Content-Type").orElse("").startsWith("text/html")) {
                Matcher m = inline.matcher(r.body());
                assertFalse(m.find(), () -> page + " has inline code or style at: "
                        + r.body().substring(Math.max(0, m.start() - 80), Math.min(r.body().length(), m.end() + 80)));
            }
        }
    }

    @Test
    void turnedOffThereIsNoConsole() throws Exception {
        try (RunningServer off = ServerSpec.inProcess().withConfig(c -> c.withConsole(false)).start()) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> root = http.send(HttpRequest.newBuilder(URI.create(off.baseUrl() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, root.statusCode(), "no redirect to the console");
            assertTrue(root.body().contains("This is a WBEM server"), root.body());
            assertFalse(root.body().contains(ConsolePaths.ROOT), root.body());
            for (String page : List.of(ConsolePaths.home(), ConsolePaths.classes(VIRT), ConsolePaths.asset("console.css"))) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(off.baseUrl() + page)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertTrue(r.headers().firstValue("Content-Security-Policy").isEmpty(), page + " answered by the console");
                assertFalse(r.body().contains("id=\"namespaces\"") || r.body().contains("class-tree")
                        || r.body().contains("console.css\"") || r.body().contains("Cimkit web console"), page + ": " + r.body());
            }
        }
    }

    private static HttpResponse<String> get(String page, String user, String password) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + page)).GET();
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
