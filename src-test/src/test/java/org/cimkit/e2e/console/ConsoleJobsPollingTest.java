package org.cimkit.e2e.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * console.js stops polling a jobs table when there is nothing more to learn: a single job's table once
 * the job is gone (the fragment's "none" row), and any table after five answers in a row that are not
 * OK, which then says that its updates stopped. Each case puts a table of one job, following the
 * given rows address, on the jobs page and lets console.js pick it up as on any page.
 */
@WithServer
class ConsoleJobsPollingTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Adds a table whose body follows arguments[0], then runs console.js's start-up again to follow it. */
    private static final String ADD_TABLE = "const t = document.createElement('table'); t.id = 'probe'; t.className = 'jobs';"
            + "const b = document.createElement('tbody'); b.dataset.rows = arguments[0]; t.appendChild(b);"
            + "document.querySelector('main').appendChild(t); document.dispatchEvent(new Event('DOMContentLoaded'));";

    @Test
    void aSingleJobsTableStopsOnceTheJobIsGone(RunningServer server) throws Exception {
        CimObjectPath gone = CimObjectPath.forInstance(CimNamespace.of(Ops.VIRT), CimName.of("Msvm_ConcreteJob"),
                List.of(CimKeyBinding.of("InstanceID", "no-such-job")));
        String rows = ConsolePaths.jobRows(gone);
        HttpResponse<String> answer = get(server.baseUrl() + rows);
        assertEquals(200, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("<tr class=\"none\">"), answer.body());
        try (Browser b = Browser.open()) {
            WebDriver d = follow(b, server, rows);
            b.waiting(15).until(x -> "finished".equals(polling(x)));
            assertTrue(d.findElements(By.cssSelector("#probe tr.stopped")).isEmpty(), "no failure to report");
        }
    }

    @Test
    void aTableStopsAfterFiveFailedAnswersAndSaysSo(RunningServer server) throws Exception {
        String rows = ConsolePaths.jobRows() + "?path=" + "not%20a%20path";
        HttpResponse<String> answer = get(server.baseUrl() + rows);
        assertNotEquals(200, answer.statusCode(), answer.body());
        try (Browser b = Browser.open()) {
            WebDriver d = follow(b, server, rows);
            b.waiting(20).until(x -> "failed".equals(polling(x)));
            assertTrue(d.findElement(By.cssSelector("#probe tr.stopped td")).getText().startsWith("Updates stopped"),
                    d.findElement(By.id("probe")).getText());
        }
    }

    private static WebDriver follow(Browser b, RunningServer server, String rows) {
        WebDriver d = b.driver();
        d.get(server.baseUrl() + ConsolePaths.jobs());
        d.findElement(By.id("jobs"));
        ((JavascriptExecutor) d).executeScript(ADD_TABLE, rows);
        assertEquals("on", polling(d), "console.js follows the table");
        return d;
    }

    private static String polling(WebDriver d) {
        return (String) ((JavascriptExecutor) d).executeScript(
                "return document.querySelector('#probe tbody').dataset.polling || null;");
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
