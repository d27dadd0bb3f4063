package org.cimkit.server.console;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.cimkit.model.CimDateTime;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimValue;
import org.cimkit.server.jobs.JobState;

/**
 * The jobs table: one {@code tr.job} per job with its name (a link to its instance page), a
 * {@code <progress>} of PercentComplete, its state named from the class's Values, the time it took,
 * its error and, for an export job, the directory and files it wrote. The jobs page, the fragment
 * console.js polls and the method result page all render jobs here. A finished job's row carries the
 * class {@code finished}, so the script can stop polling a single job.
 */
final class JobRows {
    /**
     * The most rows a jobs table shows (the newest): the page and the fragment it polls every second
     * render no more than this, however many jobs the namespaces hold.
     */
    static final int MAX_ROWS = 200;

    private JobRows() {
    }

    /** The table with {@code id}, whose body console.js refreshes from {@code rowsUrl} every second. */
    static void table(HtmlOut out, String id, String rowsUrl, List<JobList.Job> jobs) throws IOException {
        out.raw("<table id=\"").raw(Html.attr(id)).raw("\" class=\"jobs\"><thead><tr><th>Job</th><th>Progress</th>")
                .raw("<th>State</th><th>Elapsed</th><th>Error</th><th>Files</th></tr></thead><tbody data-rows=\"")
                .raw(Html.attr(rowsUrl)).raw("\">");
        rows(out, jobs);
        out.raw("</tbody></table>");
    }

    /**
     * The rows alone (the polled fragment): the first {@value #MAX_ROWS} of {@code jobs} (newest first),
     * then a row counting the ones left out.
     */
    static void rows(HtmlOut out, List<JobList.Job> jobs) throws IOException {
        if (jobs.isEmpty()) {
            out.raw("<tr class=\"none\"><td colspan=\"6\" class=\"muted\">No jobs.</td></tr>");
        }
        for (JobList.Job j : jobs.subList(0, Math.min(jobs.size(), MAX_ROWS))) {
            row(out, j);
        }
        int hidden = jobs.size() - MAX_ROWS;
        if (hidden > 0) {
            out.raw("<tr class=\"more\"><td colspan=\"6\" class=\"muted\">")
                    .text(hidden + (hidden == 1 ? " more job" : " more jobs") + " not shown (older ones).").raw("</td></tr>");
        }
    }

    private static void row(HtmlOut out, JobList.Job j) throws IOException {
        CimInstance i = j.instance();
        Long state = integer(i, "JobState");
        out.raw("<tr class=\"job").raw(finished(state) ? " finished" : "").raw("\" data-job=\"")
                .raw(Html.attr(j.path() == null ? "" : j.path().toString())).raw("\"><td class=\"name\">");
        String name = firstText(i, "ElementName", "Name", "InstanceID");
        String label = name == null ? i.className().value() : name;
        if (j.path() == null) {
            out.text(label);
        } else {
            out.raw(Html.link(ConsolePaths.instance(j.path()), label));
        }
        out.raw("<div class=\"muted\">").text(i.className().value()
                + (j.path() == null || j.path().namespace() == null ? "" : " in " + j.path().namespace().value()))
                .raw("</div></td><td class=\"progress\">");
        Long percent = integer(i, "PercentComplete");
        if (percent == null) {
            out.raw("<progress max=\"100\"></progress>");
        } else {
            String p = Long.toString(percent);
            out.raw("<progress value=\"").raw(p).raw("\" max=\"100\">").raw(p).raw(" %</progress> <span class=\"percent\">")
                    .raw(p).raw(" %</span>");
        }
        out.raw("</td><td class=\"state\">").text(shown(j, "JobState")).raw("</td><td class=\"elapsed\">")
                .text(elapsed(i)).raw("</td><td class=\"error\">").text(error(j)).raw("</td><td class=\"files\">");
        files(out, i);
        out.raw("</td></tr>");
    }

    /**
     * The time the job ran: ElapsedTime as the job gives it, else the time from StartTime to its last
     * state change.
     */
    static String elapsed(CimInstance i) {
        CimDateTime e = dateTime(i, "ElapsedTime");
        if (e != null && e.isInterval()) {
            return duration(e.micros());
        }
        CimDateTime start = dateTime(i, "StartTime");
        CimDateTime last = dateTime(i, "TimeOfLastStateChange");
        if (start != null && last != null && !start.isInterval() && !last.isInterval() && last.micros() >= start.micros()) {
            return duration(last.micros() - start.micros());
        }
        return "";
    }

    /** Microseconds as h:mm:ss.t (days before the hours when there are any). */
    static String duration(long micros) {
        long tenths = micros / 100_000;
        long s = tenths / 10;
        String hms = String.format("%d:%02d:%02d.%d", (s / 3600) % 24, (s / 60) % 60, s % 60, tenths % 10);
        return s >= 86_400 ? (s / 86_400) + "d " + hms : hms;
    }

    /** ErrorCode, ErrorDescription and ErrorSummaryDescription, as far as the job has them (nothing for code 0). */
    private static String error(JobList.Job j) {
        List<String> parts = new ArrayList<>();
        Long code = integer(j.instance(), "ErrorCode");
        if (code != null && code != 0) {
            parts.add("Error " + shown(j, "ErrorCode"));
        }
        for (String p : List.of("ErrorDescription", "ErrorSummaryDescription")) {
            String t = firstText(j.instance(), p);
            if (t != null && !parts.contains(t)) {
                parts.add(t);
            }
        }
        return String.join(" — ", parts);
    }

    /** An export job's directory and the files it wrote (properties Exported*FilePath and Exported*FilePaths). */
    private static void files(HtmlOut out, CimInstance i) throws IOException {
        String dir = firstText(i, "ExportDirectory");
        if (dir != null) {
            out.raw("<div class=\"directory\">").text(dir).raw("</div>");
        }
        List<String> files = new ArrayList<>();
        for (CimProperty p : i.properties()) {
            String n = p.name().value();
            if (n.startsWith("Exported") && (n.endsWith("FilePath") || n.endsWith("FilePaths"))) {
                if (p.value() instanceof CimValue.ArrayValue a) {
                    a.elements().stream().filter(e -> e instanceof CimValue.StringValue)
                            .forEach(e -> files.add(((CimValue.StringValue) e).value()));
                } else if (p.value() instanceof CimValue.StringValue s && !s.value().isEmpty()) {
                    files.add(s.value());
                }
            }
        }
        if (!files.isEmpty()) {
            out.raw("<ul class=\"files\">");
            for (String f : files) {
                out.raw("<li class=\"file\">").text(f).raw("</li>");
            }
            out.raw("</ul>");
        }
    }

    /** A property's value with its name from the class's ValueMap/Values, "" when NULL or absent. */
    private static String shown(JobList.Job j, String property) {
        CimValue v = j.instance().value(property);
        if (v == null || v.isNull()) {
            return "";
        }
        CimProperty decl = j.cimClass() == null ? null : j.cimClass().property(property);
        return ValueText.of(v, decl);
    }

    /** Whether a JobState value is final (Completed, Terminated, Killed, Exception): the job state machine says. */
    static boolean finished(Long state) {
        if (state == null) {
            return false;
        }
        try {
            return JobState.ofCode(Math.toIntExact(state)).isFinal();
        } catch (IllegalArgumentException | ArithmeticException e) {
            return false; // a vendor or reserved state: not known to be final
        }
    }

    private static Long integer(CimInstance i, String property) {
        return i.value(property) instanceof CimValue.IntegerValue v ? v.longValue() : null;
    }

    private static CimDateTime dateTime(CimInstance i, String property) {
        return i.value(property) instanceof CimValue.DateTimeValue d ? d.value() : null;
    }

    private static String firstText(CimInstance i, String... properties) {
        for (String p : properties) {
            if (i.value(p) instanceof CimValue.StringValue s && !s.value().isBlank()) {
                return s.value();
            }
        }
        return null;
    }
}
