package org.cimkit.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimDateTime;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.junit.jupiter.api.Test;

/** A job's row as the jobs table shows it. */
class JobRowsTest {
    private static final CimClass JOB_CLASS = CimClass.builder("Test_ExportJob")
            .property(new CimProperty(CimName.of("JobState"), CimType.UINT16, false, null, null, null,
                    List.of(MethodFormsFixture.valueMap("4", "7", "10"), MethodFormsFixture.values("Running", "Completed", "Exception")),
                    null, false))
            .build();
    private static final CimObjectPath PATH = CimObjectPath.forInstance(CimNamespace.of("root/test"),
            CimName.of("Test_ExportJob"), List.of(CimKeyBinding.of("InstanceID", "j<1>")));

    private static String row(CimInstance.Builder job) throws IOException {
        StringWriter w = new StringWriter();
        JobRows.rows(new HtmlOut(w, "", null), List.of(new JobList.Job(job.path(PATH).build(), PATH, JOB_CLASS)));
        return w.toString();
    }

    private static CimInstance.Builder job(int state, int percent) {
        return CimInstance.builder("Test_ExportJob").property("InstanceID", "j<1>")
                .property("JobState", new CimValue.IntegerValue(CimType.UINT16, state))
                .property("PercentComplete", new CimValue.IntegerValue(CimType.UINT16, percent));
    }

    @Test
    void aRunningJobShowsItsProgressAndNamedState() throws IOException {
        String html = row(job(4, 40).property("ElapsedTime", new CimValue.DateTimeValue(CimDateTime.parse("00000000010203.450000:000"))));
        assertTrue(html.startsWith("<tr class=\"job\" data-job=\"root/test:Test_ExportJob.InstanceID=&#34;j&lt;1>&#34;\">"), html);
        assertTrue(html.contains("<progress value=\"40\" max=\"100\">"), html);
        assertTrue(html.contains("<td class=\"state\">4 (Running)</td>"), html);
        assertTrue(html.contains("<td class=\"elapsed\">1:02:03.4</td>"), html);
        assertTrue(html.contains("<a href=\"/console/instance?path="), html);
        assertTrue(html.contains(">j&lt;1&gt;</a>"), "the name is escaped: " + html);
    }

    @Test
    void aFinishedExportShowsItsFilesAndErrorEscaped() throws IOException {
        String html = row(job(10, 50).property("ErrorCode", new CimValue.IntegerValue(CimType.UINT16, 32768))
                .property("ErrorDescription", "disk <script>full</script>")
                .property("ExportDirectory", "/exports/<d>")
                .property("ExportedConfigFilePaths", CimValue.ArrayValue.of(CimType.STRING, new CimValue.StringValue("/exports/<d>/a.cimxml")))
                .property("ExportedLogFilePaths", CimValue.ArrayValue.of(CimType.STRING))
                .property("ExportedRuntimeFilePath", "")
                .property("StartTime", new CimValue.DateTimeValue(CimDateTime.parse("20260101120000.000000+000")))
                .property("TimeOfLastStateChange", new CimValue.DateTimeValue(CimDateTime.parse("20260101120005.500000+000"))));
        assertTrue(html.startsWith("<tr class=\"job finished\""), html);
        assertTrue(html.contains("<td class=\"state\">10 (Exception)</td>"), html);
        assertTrue(html.contains("<td class=\"error\">Error 32768 — disk &lt;script&gt;full&lt;/script&gt;</td>"), html);
        assertTrue(html.contains("<div class=\"directory\">/exports/&lt;d&gt;</div><ul class=\"files\"><li class=\"file\">"
                + "/exports/&lt;d&gt;/a.cimxml</li></ul>"), html);
        assertTrue(html.contains("<td class=\"elapsed\">0:00:05.5</td>"), "from StartTime to the last change: " + html);
        assertFalse(html.contains("<script>"), html);
    }

    @Test
    void noJobsIsOneRowSayingSo() throws IOException {
        StringWriter w = new StringWriter();
        JobRows.rows(new HtmlOut(w, "", null), List.of());
        assertEquals("<tr class=\"none\"><td colspan=\"6\" class=\"muted\">No jobs.</td></tr>", w.toString());
    }

    @Test
    void aTableShowsTheNewestJobsAndCountsTheRest() throws IOException {
        java.util.List<JobList.Job> jobs = new java.util.ArrayList<>();
        for (int n = 0; n < JobRows.MAX_ROWS + 3; n++) {
            CimObjectPath p = CimObjectPath.forInstance(CimNamespace.of("root/test"), CimName.of("Test_ExportJob"),
                    List.of(CimKeyBinding.of("InstanceID", "j" + n)));
            jobs.add(new JobList.Job(job(7, 100).path(p).build(), p, JOB_CLASS));
        }
        StringWriter w = new StringWriter();
        JobRows.rows(new HtmlOut(w, "", null), jobs);
        String html = w.toString();
        assertEquals(JobRows.MAX_ROWS, html.split("<tr class=\"job", -1).length - 1, "rows shown");
        assertTrue(html.contains("InstanceID=&#34;j199&#34;"), "the first 200 are shown");
        assertFalse(html.contains("InstanceID=&#34;j200&#34;"), "the older ones are not");
        assertTrue(html.endsWith("<tr class=\"more\"><td colspan=\"6\" class=\"muted\">3 more jobs not shown (older ones).</td></tr>"),
                html.substring(html.length() - 200));
    }

    @Test
    void longDurationsCountDays() {
        assertEquals("2d 3:04:05.0", JobRows.duration(((2L * 86_400) + 3 * 3600 + 4 * 60 + 5) * 1_000_000L));
    }

    @Test
    void theFinalStatesAreTheJobStateMachines() {
        for (long final_ : new long[] {7, 8, 9, 10}) {
            assertTrue(JobRows.finished(final_), "state " + final_);
        }
        for (Long open : new Long[] {2L, 3L, 4L, 6L, 32768L, null}) {
            org.junit.jupiter.api.Assertions.assertFalse(JobRows.finished(open), "state " + open);
        }
    }
}
