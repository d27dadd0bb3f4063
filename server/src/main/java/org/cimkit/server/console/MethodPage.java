package org.cimkit.server.console;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimException;
import org.cimkit.model.CimMethod;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimParameter;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.model.message.ParamValue;
import org.cimkit.server.dispatch.OperationResult;

/**
 * The form that calls a method (typed from the class's method definition, see {@link MethodForm}),
 * and the call itself (POST, after the servlet's CSRF check): the return value with its ValueMap
 * name, the out-parameters, and when an out-reference names a job, a link to it and its live
 * progress bar. The call goes through {@link ConsoleCim#invoke}, so the user's ACL rights decide.
 */
final class MethodPage implements ConsolePage {
    /** A reference parameter offers a select of its class's instances when there are at most this many. */
    static final int MAX_CHOICES = 50;

    private final ConsoleCim cim;

    MethodPage(ConsoleCim cim) {
        this.cim = cim;
    }

    /** The call a request names: its target (instance or class path, with namespace), class and method. */
    private record Call(CimObjectPath target, CimClass cimClass, CimMethod method, MethodSignature signature) {
        CimNamespace ns() {
            return target.namespace();
        }

        String title() {
            return cimClass.name().value() + "." + method.name().value();
        }
    }

    @Override
    public void get(ConsoleRequest r, HtmlOut out) throws IOException {
        Call c = call(r);
        heading(out, c);
        MethodForm.write(out, c.signature(), choices(r, c), ConsolePaths.method(c.target(), c.method().name()));
        out.end();
    }

    @Override
    public void post(ConsoleRequest r, HtmlOut out) throws IOException {
        Call c = call(r);
        List<ParamValue> in = FormValues.parse(c.signature(), r.parameters());
        OperationResult.MethodReturn result = cim.invoke(r, c.target(), c.method().name(), in);
        heading(out, c);
        out.raw("<h2>Result</h2><p>Return value: <strong id=\"return-value\">")
                .text(ValueText.of(result.returnValue(), c.method())).raw("</strong></p>");
        List<CimObjectPath> jobs = outParameters(out, c, result.outParameters());
        JobList list = new JobList(cim, r);
        for (CimObjectPath job : jobs) {
            if (list.isJob(job)) {
                out.raw("<h2>Job</h2><p><a id=\"job-link\" href=\"").raw(Html.attr(ConsolePaths.instance(job))).raw("\">")
                        .text(job.toString()).raw("</a> · <a href=\"").raw(Html.attr(ConsolePaths.jobs()))
                        .raw("\">all jobs</a></p>");
                JobRows.table(out, "job-progress", ConsolePaths.jobRows(job), oneJob(list, job));
                break;
            }
        }
        out.raw("<p><a id=\"call-again\" href=\"").raw(Html.attr(ConsolePaths.method(c.target(), c.method().name())))
                .raw("\">Call again</a></p>").end();
    }

    private Call call(ConsoleRequest r) {
        CimObjectPath target = r.path();
        CimName methodName = r.name("method");
        CimClass cls = cim.getClass(r, target.namespace(), target.className());
        CimMethod method;
        try {
            method = cls.method(methodName.value());
        } catch (IllegalArgumentException e) {
            method = null;
        }
        if (method == null) {
            throw new CimException(CimStatus.METHOD_NOT_FOUND, "class " + cls.name() + " has no method " + methodName);
        }
        Map<CimName, CimClass> embedded = new LinkedHashMap<>();
        for (CimParameter p : method.parameters()) {
            CimName x = p.isIn() ? MethodSignature.embeddedClassName(p) : null;
            if (x != null) {
                embedded.put(p.name(), cim.getClass(r, target.namespace(), x));
            }
        }
        return new Call(target, cls, method, new MethodSignature(method, embedded));
    }

    private static void heading(HtmlOut out, Call c) throws IOException {
        out.begin(c.title()).raw("<h1>").text(c.title()).raw("</h1><p>On <a class=\"target\" href=\"")
                .raw(Html.attr(c.target().hasKeys() ? ConsolePaths.instance(c.target())
                        : ConsolePaths.cimClass(c.ns(), c.cimClass().name())))
                .raw("\">").text(c.target().toString()).raw("</a></p>");
        String d = c.method().stringQualifier("Description");
        if (d != null) {
            out.raw("<p class=\"muted\">").text(d).raw("</p>");
        }
    }

    /**
     * Per reference in-parameter, the instances of its class in the target's namespace when there are
     * few enough to choose from; a class that cannot be enumerated offers none (the field is then text).
     */
    private Map<CimName, List<CimObjectPath>> choices(ConsoleRequest r, Call c) {
        Map<CimName, List<CimObjectPath>> choices = new LinkedHashMap<>();
        for (CimParameter p : c.signature().inputs()) {
            if (p.type() != CimType.REFERENCE || p.array() || p.referenceClass() == null) {
                continue;
            }
            try {
                ConsoleCim.PathPage page = cim.openInstancePaths(r, c.ns(), p.referenceClass(), MAX_CHOICES);
                if (!page.end()) {
                    cim.closeEnumeration(r, c.ns(), page.context());
                    continue;
                }
                List<CimObjectPath> paths = new ArrayList<>();
                for (CimObjectPath path : page.paths()) {
                    paths.add(path.namespace() == null ? path.withNamespace(c.ns()) : path);
                }
                choices.put(p.name(), paths);
            } catch (CimException e) {
                // no instances to offer: the user types the path
            }
        }
        return choices;
    }

    /** Writes {@code table#out-params}; returns the references among them (with namespace), jobs first to check. */
    private static List<CimObjectPath> outParameters(HtmlOut out, Call c, Map<String, CimValue> values) throws IOException {
        List<CimObjectPath> refs = new ArrayList<>();
        out.raw("<table id=\"out-params\"><thead><tr><th>Parameter</th><th>Value</th></tr></thead><tbody>");
        for (Map.Entry<String, CimValue> e : values.entrySet()) {
            CimParameter decl = c.method().parameter(e.getKey());
            out.raw("<tr data-param=\"").raw(Html.attr(e.getKey())).raw("\"><th>").text(e.getKey())
                    .raw("</th><td class=\"value\">");
            if (e.getValue() instanceof CimValue.ReferenceValue ref) {
                CimObjectPath p = ref.path().namespace() == null ? ref.path().withNamespace(c.ns()) : ref.path();
                refs.add(p);
                out.raw("<a class=\"instance-link\" href=\"").raw(Html.attr(ConsolePaths.instance(p))).raw("\">")
                        .text(p.toString()).raw("</a>");
            } else {
                out.text(ValueText.of(e.getValue(), decl));
            }
            out.raw("</td></tr>");
        }
        if (values.isEmpty()) {
            out.raw("<tr><td colspan=\"2\" class=\"muted\">No out-parameters.</td></tr>");
        }
        out.raw("</tbody></table>");
        return refs;
    }

    private static List<JobList.Job> oneJob(JobList list, CimObjectPath job) {
        try {
            return List.of(list.one(job));
        } catch (CimException e) {
            return List.of();
        }
    }
}
