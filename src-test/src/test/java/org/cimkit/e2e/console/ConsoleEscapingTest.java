package org.cimkit.e2e.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.cimkit.model.CimValue;
import org.cimkit.server.console.ConsolePaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * Markup stored in an instance (by a CIM-XML client) stays text on the console: in a property value,
 * in the ElementName the page's title and heading show, and in a key, which is also the text and the
 * href of the links to the instance. The browser shows it literally and builds no element from it;
 * the raw HTML carries it escaped.
 */
@WithServer
class ConsoleEscapingTest {
    private static final String VIRT = Ops.VIRT;
    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final String IMG = "\"'><img src=x onerror=alert(2)>";
    private static final String KEY = "k\"'><img src=x onerror=alert(3)>&amp;";
    private static final String NAME = "<script>alert(4)</script><b>bold</b>";

    private static CimObjectPath stored;

    @BeforeAll
    static void storeMarkup(CimClient client) throws Exception {
        Ops.createClass(client, VIRT, CimClass.builder("Console_Text")
                .property(prop("Id", CimType.STRING, false, CimQualifier.flag("Key")))
                .property(prop("ElementName", CimType.STRING, false))
                .property(prop("Label", CimType.STRING, false))
                .property(prop("Notes", CimType.STRING, true)).build());
        CimObjectPath created = Ops.createInstance(client, VIRT, CimInstance.builder("Console_Text").property("Id", KEY)
                .property("ElementName", NAME).property("Label", "harmless").build());
        stored = created.withNamespace(CimNamespace.of(VIRT));
        // the markup arrives by ModifyInstance, as an edit of a stored value would
        Ops.modifyInstance(client, VIRT, CimInstance.builder("Console_Text").path(created).property("Id", KEY)
                .property("ElementName", NAME).property("Label", SCRIPT)
                .property("Notes", CimValue.ArrayValue.of(CimType.STRING, new CimValue.StringValue(IMG),
                        new CimValue.StringValue(SCRIPT))).build());
    }

    @Test
    void theBrowserShowsStoredMarkupAsText(RunningServer server) {
        try (Browser b = Browser.open()) {
            WebDriver d = b.driver();
            d.get(server.baseUrl() + ConsolePaths.instances(CimNamespace.of(VIRT), CimName.of("Console_Text")));
            WebElement link = d.findElement(By.cssSelector("#instances a.instance-link"));
            assertEquals("Console_Text.Id=\"" + KEY.replace("\"", "\\\"") + "\"", link.getText(), "the key, literally");
            link.click(); // the href carried the key intact: the page found the instance

            assertEquals(SCRIPT, value(d, "Label"));
            assertEquals("[" + IMG + ", " + SCRIPT + "]", value(d, "Notes"));
            assertEquals(NAME, d.findElement(By.className("element-name")).getText());
            assertEquals("Console_Text " + NAME + " – Cimkit", d.getTitle());
            assertTrue(d.findElement(By.id("instance-path")).getText().contains(KEY.replace("\"", "\\\"")));

            // nothing of it became an element: the page's one script is the console's own, no image, no <b>
            List<WebElement> scripts = d.findElements(By.tagName("script"));
            assertEquals(1, scripts.size(), () -> d.getPageSource());
            assertTrue(scripts.get(0).getAttribute("src").endsWith(ConsolePaths.asset("console.js")));
            assertTrue(d.findElements(By.tagName("img")).isEmpty(), () -> d.getPageSource());
            assertTrue(d.findElements(By.tagName("b")).isEmpty(), () -> d.getPageSource());
            assertThrows(NoAlertPresentException.class, () -> d.switchTo().alert());
        }
    }

    @Test
    void theRawPageCarriesTheMarkupEscaped(RunningServer server) throws Exception {
        HttpResponse<String> r = get(server.baseUrl() + ConsolePaths.instance(stored));
        assertEquals(200, r.statusCode(), r.body());
        String body = r.body();
        assertTrue(body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), body);
        assertTrue(body.contains("&lt;img src=x onerror=alert(2)&gt;"), body);
        assertTrue(body.contains("&lt;script&gt;alert(4)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;"), body);
        assertTrue(body.contains("&amp;amp;"), "the stored '&amp;' is escaped once more: " + body);
        for (String raw : List.of("<script>alert", "<img", "<b>", "onerror=alert(3)>")) {
            assertFalse(body.contains(raw), raw + " in " + body);
        }
        // in the instances page's links the key sits inside an href: quotes cannot end the attribute
        String list = get(server.baseUrl() + ConsolePaths.instances(CimNamespace.of(VIRT), CimName.of("Console_Text")))
                .body();
        assertFalse(list.contains("<img"), list);
        assertFalse(list.contains("\"'>"), list);
    }

    @Test
    void anErrorPageShowsTheRequestsMarkupAsText(RunningServer server) throws Exception {
        String evil = "<script>alert(5)</script>";
        HttpResponse<String> r = get(server.baseUrl() + ConsolePaths.instance(
                CimObjectPath.forInstance(CimNamespace.of(VIRT), CimName.of("Console_Text"),
                        List.of(org.cimkit.model.CimKeyBinding.of("Id", evil)))));
        assertEquals(404, r.statusCode(), r.body());
        assertFalse(r.body().contains(evil), r.body());
        HttpResponse<String> badNs = get(server.baseUrl() + "/console/classes?ns=" + java.net.URLEncoder.encode(
                "root/" + evil, java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(badNs.statusCode() >= 400, badNs.body());
        assertFalse(badNs.body().contains(evil), badNs.body());
    }

    private static CimProperty prop(String name, CimType type, boolean array, CimQualifier... qualifiers) {
        return new CimProperty(CimName.of(name), type, array, null, null, null, List.of(qualifiers), null, false);
    }

    private static String value(WebDriver d, String property) {
        return d.findElement(By.cssSelector("#properties tr[data-property='" + property + "'] td.value")).getText();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
