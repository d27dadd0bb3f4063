package org.cimkit.e2e.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cimkit.e2e.CimClient;
import org.cimkit.e2e.Ops;
import org.cimkit.e2e.RunningServer;
import org.cimkit.e2e.ServerSpec;
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
import org.cimkit.model.message.Argument;
import org.cimkit.server.console.ConsolePaths;
import org.cimkit.server.pull.EnumerationContexts;
import org.cimkit.testsupport.MutableClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * Browsing in a real browser, by clicking only: from the home page through the class tree of
 * root/virtualization/v2 to Msvm_ComputerSystem, its instances, the demo host, and from there along
 * associations to a VM, its settings and disks, its reference point, and the job a reference point
 * service runs; and a class with more instances than a page, paged with the pull operations.
 */
@WithServer
class ConsoleBrowseTest {
    private static final String VIRT = Ops.VIRT;
    private static final String RP_WEB = "C9092C9F-FA76-5C53-8424-0531A1EF0B07";
    /** The end of web-01's first disk's InstanceID as a path writes it (backslashes escaped). */
    private static final String WEB_DISK0 = "31EB7863-BD39-5A4F-96FE-1806D4EEBE1C\\\\0\\\\0\\\\L\"";
    private static final int PAGED = 60;
    private static final int PAGED_CHILDREN = 5;

    private static CimObjectPath job;

    @BeforeAll
    static void setUp(CimClient client) throws Exception {
        // a job for the walk to reach: a reference point of web-01, created as a CIM-XML client does
        CimObjectPath service = CimObjectPath.forInstance(CimNamespace.of(VIRT),
                CimName.of("Msvm_VirtualSystemReferencePointService"), List.of(
                        org.cimkit.model.CimKeyBinding.of("CreationClassName", "Msvm_VirtualSystemReferencePointService"),
                        org.cimkit.model.CimKeyBinding.of("Name", "VirtualSystemReferencePointService"),
                        org.cimkit.model.CimKeyBinding.of("SystemCreationClassName", "Msvm_ComputerSystem"),
                        org.cimkit.model.CimKeyBinding.of("SystemName", Ops.HOST)));
        CimClient.Exchange e = Ops.ok(client.invoke(service, "CreateReferencePoint", Map.of(
                "AffectedSystem", new CimValue.ReferenceValue(Ops.vm(Ops.WEB01).withNamespace(CimNamespace.of(VIRT))),
                "ReferencePointType", CimValue.IntegerValue.uint16(2))));
        job = e.mresponse().outParameters().stream().filter(p -> p.name().equals("Job")).map(p -> p.value())
                .map(a -> a instanceof Argument.Path p ? p.path()
                        : (CimObjectPath) ((CimValue.ReferenceValue) ((Argument.Typed) a).value()).path())
                .findFirst().orElseThrow();

        // more instances than a page holds: a class and a subclass (the page lists both)
        Ops.createClass(client, VIRT, pagedClass("Console_Paged", null));
        Ops.createClass(client, VIRT, pagedClass("Console_PagedChild", "Console_Paged"));
        for (int i = 0; i < PAGED; i++) {
            Ops.createInstance(client, VIRT, CimInstance.builder("Console_Paged").property("Id", String.format("p%03d", i)).build());
        }
        for (int i = 0; i < PAGED_CHILDREN; i++) {
            Ops.createInstance(client, VIRT, CimInstance.builder("Console_PagedChild").property("Id", "c" + i).build());
        }
    }

    @Test
    void clickingFromTheHomePageToTheHostAndAlongItsAssociations(RunningServer server) {
        try (Browser b = Browser.open()) {
            WebDriver d = b.driver();
            d.get(server.baseUrl() + "/");
            click(d, "#namespaces a", VIRT);

            // the tree nests each class under its superclass
            WebElement cs = exactLink(d, "#class-tree a.class-link", "Msvm_ComputerSystem");
            List<String> ancestors = cs.findElements(By.xpath("ancestor::li/details/summary/a")).stream()
                    .map(WebElement::getText).toList();
            assertTrue(ancestors.containsAll(List.of("CIM_ManagedElement", "CIM_System", "CIM_ComputerSystem")),
                    ancestors.toString());
            assertEquals("CIM_ComputerSystem", ancestors.get(ancestors.size() - 1), "the nearest superclass");
            cs.click();

            // the class page: superclass, qualifiers, properties with their qualifiers and origin, methods
            assertEquals("Msvm_ComputerSystem", d.findElement(By.tagName("h1")).getText());
            assertTrue(d.findElement(By.id("superclass")).getText().contains("CIM_ComputerSystem"));
            assertFalse(d.findElements(By.cssSelector("#qualifiers tr[data-qualifier]")).isEmpty());
            WebElement name = d.findElement(By.cssSelector("#properties tr[data-property='Name']"));
            assertTrue(name.findElement(By.cssSelector("td.name")).getText().contains("Key"), name.getText());
            WebElement enabled = d.findElement(By.cssSelector("#properties tr[data-property='EnabledState']"));
            assertEquals("uint16", enabled.findElement(By.cssSelector("td.type")).getText());
            assertEquals("CIM_EnabledLogicalElement", enabled.findElement(By.cssSelector("td.origin")).getText());
            assertTrue(enabled.findElement(By.cssSelector("details.value-names")).getAttribute("textContent")
                    .contains("2 = Enabled"));
            WebElement rsc = d.findElement(By.cssSelector("#methods tr[data-method='RequestStateChange']"));
            assertEquals("uint32", rsc.findElement(By.cssSelector("td.type code")).getText());
            assertTrue(rsc.findElement(By.cssSelector("li[data-parameter='RequestedState']")).getText()
                    .startsWith("[IN] uint16 RequestedState"), rsc.getText());
            assertTrue(rsc.findElement(By.cssSelector("li[data-parameter='Job']")).getText()
                    .startsWith("[OUT] CIM_ConcreteJob REF Job"), rsc.getText());
            assertTrue(rsc.findElements(By.cssSelector("a.method-link")).isEmpty(), "RequestStateChange is not static");

            // its instances: the host and its three VMs on one page
            d.findElement(By.id("instances-link")).click();
            assertEquals(4, d.findElements(By.cssSelector("#instances a.instance-link")).size());
            assertTrue(d.findElements(By.id("next-page")).isEmpty());
            click(d, "#instances a.instance-link", Ops.HOST);

            // the host: values named by ValueMap, and its VMs among the associated instances
            assertEquals(Ops.HOST, value(d, "Name"));
            assertEquals("2 (Enabled)", value(d, "EnabledState"));
            for (String vm : List.of(Ops.WEB01, Ops.DB01, Ops.BUILD01)) {
                assertFalse(links(d, "#associators a.instance-link", vm).isEmpty(), vm);
            }
            click(d, "#associators a.instance-link", Ops.WEB01);

            // the VM: its settings, its reference point, a method form for RequestStateChange
            assertEquals("web-01", d.findElement(By.className("element-name")).getText());
            WebElement rsForm = d.findElement(By.cssSelector("#methods a.method-link[data-method='RequestStateChange']"));
            CimObjectPath vmPath = Ops.vm(Ops.WEB01).withNamespace(CimNamespace.of(VIRT));
            assertEquals(server.baseUrl() + ConsolePaths.method(vmPath, CimName.of("RequestStateChange")),
                    rsForm.getAttribute("href"));
            String vmPage = d.getCurrentUrl();
            // an associator in another namespace says which
            assertFalse(links(d, "#associators a.instance-link", "root/interop:CIM_RegisteredProfile.").isEmpty(),
                    () -> texts(d, "#associators a.instance-link").toString());
            WebElement settings = single(links(d, "#associators a.instance-link", "Msvm_VirtualSystemSettingData."));
            assertTrue(settings.findElement(By.xpath("..")).getText().contains("Msvm_SettingsDefineState"));
            settings.click();
            click(d, "#associators a.instance-link", WEB_DISK0);
            assertEquals("Msvm_StorageAllocationSettingData", d.findElement(By.tagName("h1")).getText());
            assertTrue(value(d, "HostResource").contains("web-01-os.vhdx"), value(d, "HostResource"));

            d.get(vmPage);
            click(d, "#associators a.instance-link", RP_WEB);
            assertEquals("Msvm_VirtualSystemReferencePoint", d.findElement(By.tagName("h1")).getText());
            // the association instance, whose references are links back
            click(d, "#references a.instance-link", "Msvm_ReferencePointOfVirtualSystem.");
            d.findElement(By.cssSelector("tr[data-property='Antecedent'] td.value a.instance-link")).click();
            assertEquals(vmPage, d.getCurrentUrl());

            // the job: host → reference point service → the job it owns
            d.findElement(By.cssSelector("#associators a.instance-link[href*='" + Ops.HOST + "']")).click();
            click(d, "#associators a.instance-link", "Msvm_VirtualSystemReferencePointService.");
            String jobId = job.key("InstanceID").value().toLexical();
            click(d, "#associators a.instance-link", jobId);
            assertEquals(job.className().value(), d.findElement(By.tagName("h1")).getText());
            assertEquals(jobId, value(d, "InstanceID"));
            assertFalse(value(d, "JobState").isEmpty());

            // the job's class: an OUT parameter holding an embedded instance says so
            click(d, "a.class-link", job.className().value());
            WebElement error = d.findElement(By.cssSelector("#methods tr[data-method='GetError'] li[data-parameter='Error']"));
            assertTrue(error.getText().startsWith("[OUT] "), error.getText());
            assertTrue(error.getText().contains("EmbeddedInstance(Msvm_Error)"), error.getText());
        }
    }

    @Test
    void theTreeShowsEveryClassOnce(RunningServer server, CimClient client) throws Exception {
        int classes = CimClient.items(Ops.ok(client.call(VIRT, "EnumerateClassNames",
                CimClient.P.bool("DeepInheritance", true)))).size();
        try (Browser b = Browser.open()) {
            b.driver().get(server.baseUrl() + ConsolePaths.classes(CimNamespace.of(VIRT)));
            List<String> names = b.driver().findElements(By.cssSelector("#class-tree a.class-link")).stream()
                    .map(WebElement::getText).toList();
            assertEquals(classes, names.size());
            assertEquals(classes, new HashSet<>(names).size());
            assertTrue(names.contains("Console_PagedChild"));
        }
    }

    @Test
    void aClassWithMoreInstancesThanAPageIsPagedByThePullOperations(RunningServer server) throws Exception {
        try (Browser b = Browser.open()) {
            WebDriver d = b.driver();
            d.get(server.baseUrl() + ConsolePaths.classes(CimNamespace.of(VIRT)));
            exactLink(d, "#class-tree a.class-link", "Console_Paged").click();
            d.findElement(By.id("instances-link")).click();
            List<String> first = texts(d, "#instances a.instance-link");
            assertEquals(50, first.size());
            assertTrue(d.findElement(By.id("paging-note")).getText().startsWith("Pages move forward"),
                    "the page says that reloading does not show it again");
            d.findElement(By.id("next-page")).click();
            List<String> second = texts(d, "#instances a.instance-link");
            assertEquals(PAGED + PAGED_CHILDREN - 50, second.size());
            assertTrue(d.findElements(By.id("next-page")).isEmpty(), "the second page is the last");

            Set<String> all = new HashSet<>(first);
            all.addAll(second);
            assertEquals(PAGED + PAGED_CHILDREN, all.size(), "no instance twice");
            assertTrue(all.contains("Console_Paged.Id=\"p059\""), all.toString());
            assertTrue(all.contains("Console_PagedChild.Id=\"c4\""), all.toString());

            // the context is used up: the page is gone, and says so with a 400
            HttpResponse<String> again = get(d.getCurrentUrl());
            assertEquals(400, again.statusCode(), again.body());
            assertTrue(again.body().contains("id=\"error\""), again.body());
            assertTrue(again.body().contains("no longer available"), again.body());
        }
    }

    @Test
    void anUnknownEnumerationContextIsABadRequest(RunningServer server) throws Exception {
        HttpResponse<String> r = get(server.baseUrl() + ConsolePaths.instancesPage(CimNamespace.of(VIRT),
                CimName.of("Console_Paged"), "no-such-context"));
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("no longer available"), r.body());
    }

    @Test
    void aClassWithoutInstancesSaysSo(RunningServer server) throws Exception {
        HttpResponse<String> r = get(server.baseUrl() + ConsolePaths.instances(CimNamespace.of(VIRT), CimName.of("Msvm_Error")));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("id=\"no-instances\""), r.body());
        assertFalse(r.body().contains("instance-link") || r.body().contains("next-page"), r.body());
    }

    /**
     * A next-page link outlives its enumeration context once the context's timeout passes without a
     * pull: a 400 that says so. The server runs on a clock the test moves, so no real minute passes.
     */
    @Test
    void aNextPageWhoseContextExpiredIsABadRequest() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-05T08:00:00Z"));
        try (RunningServer own = ServerSpec.inProcess().withClock(clock).start()) {
            CimClient c = own.client();
            Ops.createClass(c, VIRT, pagedClass("Console_Paged", null));
            for (int i = 0; i <= 50; i++) {
                Ops.createInstance(c, VIRT, CimInstance.builder("Console_Paged").property("Id", "e" + i).build());
            }
            String first = own.baseUrl() + ConsolePaths.instances(CimNamespace.of(VIRT), CimName.of("Console_Paged"));
            String alive = nextPage(own, get(first).body());
            clock.advance(Duration.ofSeconds(30));
            assertEquals(200, get(alive).statusCode(), "within its timeout the context lives");

            String expiring = nextPage(own, get(first).body());
            clock.advance(Duration.ofSeconds(EnumerationContexts.DEFAULT_TIMEOUT_SECONDS + 1));
            HttpResponse<String> r = get(expiring);
            assertEquals(400, r.statusCode(), r.body());
            assertTrue(r.body().contains("no longer available"), r.body());
        }
    }

    /** The absolute address of a page's {@code a#next-page}. */
    private static String nextPage(RunningServer server, String body) {
        Matcher m = Pattern.compile("<a id=\"next-page\" href=\"([^\"]+)\"").matcher(body);
        assertTrue(m.find(), body);
        return server.baseUrl() + m.group(1).replace("&amp;", "&");
    }

    @Test
    void aStaticMethodLinksToItsFormFromTheClassPage(RunningServer server) throws Exception {
        CimNamespace ns = CimNamespace.of("test/TestProvider");
        CimName cls = CimName.of("Test_IndicationProviderClass");
        try (Browser b = Browser.open()) {
            WebDriver d = b.driver();
            d.get(server.baseUrl() + ConsolePaths.cimClass(ns, cls));
            WebElement link = d.findElement(By.cssSelector(
                    "#methods tr[data-method='SendTestIndicationsCount'] a.method-link"));
            assertEquals(server.baseUrl() + ConsolePaths.method(CimObjectPath.forClass(ns, cls),
                    CimName.of("SendTestIndicationsCount")), link.getAttribute("href"));
        }
    }

    private static CimClass pagedClass(String name, String superclass) {
        CimClass.Builder c = CimClass.builder(name);
        if (superclass != null) {
            c.superclass(superclass);
        }
        return c.property(new CimProperty(CimName.of("Id"), CimType.STRING, false, null, null, null,
                List.of(CimQualifier.flag("Key")), null, false)).build();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The value cell of a property row of an instance page. */
    private static String value(WebDriver d, String property) {
        return d.findElement(By.cssSelector("#properties tr[data-property='" + property + "'] td.value")).getText();
    }

    private static List<String> texts(WebDriver d, String css) {
        return d.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }

    private static List<WebElement> links(WebDriver d, String css, String containing) {
        List<WebElement> out = new ArrayList<>();
        for (WebElement e : d.findElements(By.cssSelector(css))) {
            if (e.getText().contains(containing)) {
                out.add(e);
            }
        }
        return out;
    }

    private static WebElement exactLink(WebDriver d, String css, String text) {
        return single(d.findElements(By.cssSelector(css)).stream().filter(e -> e.getText().equals(text)).toList());
    }

    private static WebElement single(List<WebElement> found) {
        assertEquals(1, found.size(), () -> found.stream().map(WebElement::getText).toList().toString());
        return found.get(0);
    }

    /** Clicks the one link matching {@code css} whose text contains {@code containing}. */
    private static void click(WebDriver d, String css, String containing) {
        single(links(d, css, containing)).click();
    }
}
