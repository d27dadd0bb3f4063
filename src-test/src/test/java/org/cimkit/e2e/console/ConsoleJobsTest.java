package org.cimkit.e2e.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.cimkit.e2e.Ops;
import org.cimkit.e2e.RunningServer;
import org.cimkit.e2e.WithServer;
import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.server.console.ConsolePaths;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue 15's acceptance test of the console's jobs, in a real browser: the form of
 * Msvm_CollectionReferencePointService.ExportReferencePoint on the demo host, filled in (the
 * reference point collection from the form's list, a directory under the export root, and in the
 * embedded Msvm_CollectionReferencePointExportSettingData sub-form a fault-injection delay so the
 * export runs long enough to be watched), submitted; the result says 4096 and links the job, and the
 * jobs page shows its progress bar moving to 100 %, the state Completed and the file it wrote.
 */
@WithServer(exportRoot = true)
class ConsoleJobsTest {
    private static final CimNamespace V2 = CimNamespace.of(Ops.VIRT);
    /** The demo host's reference point collection of the VM group app-tier. */
    private static final String RPC = "E9D2679C-74F0-5E07-B920-69A2C98E1C91";

    @Test
    void anExportStartedFromTheFormRunsToCompletionOnTheJobsPage(RunningServer server) throws Exception {
        Path dir = server.exportRoot().resolve("from-console");
        CimObjectPath service = CimObjectPath.forInstance(V2, CimName.of("Msvm_CollectionReferencePointService"), List.of(
                CimKeyBinding.of("CreationClassName", "Msvm_CollectionReferencePointService"),
                CimKeyBinding.of("Name", "CollectionReferencePointService"),
                CimKeyBinding.of("SystemCreationClassName", "Msvm_ComputerSystem"),
                CimKeyBinding.of("SystemName", Ops.HOST)));
        String base = "http://127.0.0.1:" + server.port();
        try (Browser b = Browser.open()) {
            WebDriver d = b.driver();
            d.get(base + ConsolePaths.method(service, CimName.of("ExportReferencePoint")));
            WebElement form = d.findElement(By.id("method-form"));

            Select collection = new Select(form.findElement(By.name("in.ReferencePointCollection")));
            WebElement rpc = collection.getOptions().stream()
                    .filter(o -> o.getText().contains("Msvm_ReferencePointCollection") && o.getText().contains(RPC))
                    .findFirst().orElseThrow(() -> new AssertionError("the demo collection is not offered"));
            collection.selectByVisibleText(rpc.getText());
            form.findElement(By.name("in.ExportDirectory")).sendKeys(dir.toString());
            // the embedded setting data's sub-form: a slow export, so its progress can be watched
            form.findElement(By.name("in.ExportSettingData.0.CimkitFaultInjection")).sendKeys("delay-ms=400");
            form.findElement(By.id("invoke")).click();

            b.waiting(10).until(x -> !x.findElements(By.id("return-value")).isEmpty());
            assertEquals("4096 (Method Parameters Checked - Job Started)", d.findElement(By.id("return-value")).getText());
            WebElement jobLink = d.findElement(By.id("job-link"));
            assertTrue(jobLink.getText().contains("Msvm_CollectionReferencePointExportJob"), jobLink.getText());
            WebElement outJob = d.findElement(By.cssSelector("#out-params tr[data-param='Job'] td.value a.instance-link"));
            assertEquals(jobLink.getText(), outJob.getText());
            assertEquals(jobLink.getAttribute("href"), outJob.getAttribute("href"));
            // the job's path with its namespace, as the jobs table names its rows
            String job = b.waiting(10).ignoring(StaleElementReferenceException.class)
                    .until(x -> x.findElement(By.cssSelector("#job-progress tr.job")).getAttribute("data-job"));
            assertTrue(job.startsWith(Ops.VIRT + ":Msvm_CollectionReferencePointExportJob."), job);
            // the result page follows its job too
            b.waiting(30).ignoring(StaleElementReferenceException.class)
                    .until(x -> progress(x.findElement(By.cssSelector("#job-progress tr.job"))) > 0);

            d.findElement(By.id("nav-jobs")).click();
            By row = By.cssSelector("#jobs tr.job[data-job='" + job.replace("\\", "\\\\").replace("'", "\\'") + "']");
            Set<Integer> seen = new TreeSet<>();
            // the page replaces its rows every second: an element read across a refresh is stale, read it again
            b.waiting(60).ignoring(StaleElementReferenceException.class).until(x -> {
                WebElement r = x.findElement(row);
                seen.add(progress(r));
                return r.findElement(By.cssSelector("td.state")).getText().equals("7 (Completed)");
            });
            Row done = b.waiting(10).ignoring(StaleElementReferenceException.class).until(x -> Row.of(x.findElement(row)));
            assertEquals(100, done.progress());
            assertTrue(seen.stream().anyMatch(p -> p > 0 && p < 100), "no progress between 0 and 100 % was shown: " + seen);
            Path file = dir.resolve("ReferencePointCollection_" + RPC + ".cimxml").toRealPath();
            assertTrue(Files.isRegularFile(file));
            assertTrue(done.files().contains(dir.toString()), done.files());
            assertEquals(List.of(file.toString()), done.fileList());
            assertEquals("", done.error());
            assertTrue(done.elapsed().matches("\\d+:\\d\\d:\\d\\d\\.\\d"), done.elapsed());
            assertTrue(done.link().contains("/console/instance?path="), done.link());
        }
    }

    @Test
    void anEmbeddedArrayTakesMoreElementsFromTheButton(RunningServer server) {
        CimObjectPath vmms = CimObjectPath.forInstance(V2, CimName.of("Msvm_VirtualSystemManagementService"), List.of(
                CimKeyBinding.of("CreationClassName", "Msvm_VirtualSystemManagementService"),
                CimKeyBinding.of("Name", "vmms"),
                CimKeyBinding.of("SystemCreationClassName", "Msvm_ComputerSystem"),
                CimKeyBinding.of("SystemName", Ops.HOST)));
        try (Browser b = Browser.open()) {
            WebDriver d = b.driver();
            d.get("http://127.0.0.1:" + server.port() + ConsolePaths.method(vmms, CimName.of("DefineSystem")));
            WebElement box = d.findElement(By.cssSelector("#method-form .embedded[data-param='ResourceSettings']"));
            box.findElement(By.name("in.ResourceSettings.0.ElementName")).sendKeys("first");
            box.findElement(By.cssSelector("button.add-element")).click();
            box.findElement(By.cssSelector("button.add-element")).click();
            List<WebElement> sets = box.findElements(By.cssSelector("fieldset.element"));
            assertEquals(3, sets.size());
            assertTrue(sets.get(2).findElement(By.tagName("legend")).getText().startsWith("ResourceSettings[2]: "),
                    sets.get(2).findElement(By.tagName("legend")).getText());
            WebElement copied = d.findElement(By.name("in.ResourceSettings.2.ElementName"));
            assertEquals("", copied.getAttribute("value"), "a new element starts empty");
            assertEquals("f-in.ResourceSettings.2.ElementName", copied.getAttribute("id"));
            assertEquals("first", d.findElement(By.name("in.ResourceSettings.0.ElementName")).getAttribute("value"));
        }
    }

    /** What a job's row shows, read at once (the next refresh replaces the row). */
    private record Row(int progress, String files, List<String> fileList, String error, String elapsed, String link) {
        static Row of(WebElement r) {
            return new Row(ConsoleJobsTest.progress(r), r.findElement(By.cssSelector("td.files")).getText(),
                    r.findElements(By.cssSelector("td.files li.file")).stream().map(WebElement::getText).toList(),
                    r.findElement(By.cssSelector("td.error")).getText(), r.findElement(By.cssSelector("td.elapsed")).getText(),
                    r.findElement(By.cssSelector("td.name a")).getAttribute("href"));
        }
    }

    private static int progress(WebElement row) {
        String v = row.findElement(By.tagName("progress")).getAttribute("value");
        return v == null || v.isEmpty() ? 0 : (int) Double.parseDouble(v);
    }
}
