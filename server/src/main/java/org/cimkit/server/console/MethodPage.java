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
        ClassHierarchy.PerRequest classes = new ClassHierarchy.PerRequest(cim, r);
        Call c = call(r, classes);
        heading(out, c);
        classChoosers(classes, out, c);
        MethodForm.write(out, c.signature(), choices(r, c), ConsolePaths.method(c.target(), c.method().name()));
        out.end();
    }

    @Override
    public boolean acceptsPost() {
        return true;
    }

    @Override
    public void post(ConsoleRequest r, HtmlOut out) throws IOException {
        ClassHierarchy.PerRequest classes = new ClassHierarchy.PerRequest(cim, r);
        Call c = call(r, classes);
        List<ParamValue> in = FormValues.parse(c.signature(), r.parameters());
        OperationResult.MethodReturn result = cim.invoke(r, c.target(), c.method().name(), in);
        heading(out, c);
        out.raw("<h2>Result</h2><p>Return value: <strong id=\"return-value\">")
                .text(ValueText.of(result.returnValue(), c.method())).raw("</strong></p>");
        List<CimObjectPath> jobs = outParameters(out, c, result.outParameters());
        JobList list = new JobList(cim, r);
        for (CimObjectPath job : jobs) {
            if (JobList.isJob(job, classes)) {
                out.raw("<h2>Job</h2><p>").raw(Links.instance(job, c.ns(), "job-link")).raw(" · <a href=\"")
                        .raw(Html.attr(ConsolePaths.jobs())).raw("\">all jobs</a></p>");
                JobRows.table(out, "job-progress", ConsolePaths.jobRows(job), oneJob(list, job));
                break;
            }
        }
        out.raw("<p><a id=\"call-again\" href=\"").raw(Html.attr(ConsolePaths.method(c.target(), c.method().name())))
                .raw("\">Call again</a></p>").end();
    }

    private Call call(ConsoleRequest r, ClassHierarchy.PerRequest classes) {
        CimObjectPath target = r.path();
        CimName methodName = r.name("method");
        CimClass cls = cim.getClass(r, target.namespace(), target.className());
        CimMethod method = cls.method(methodName.value());
        if (method == null) {
            throw new CimException(CimStatus.METHOD_NOT_FOUND, "class " + cls.name() + " has no method " + methodName);
        }
        Map<CimName, CimClass> embedded = new LinkedHashMap<>();
        for (CimParameter p : method.parameters()) {
            CimName x = p.isIn() ? MethodSignature.embeddedClassName(p) : null;
            if (x != null) {
                embedded.put(p.name(), embeddedClass(r, classes, target.namespace(), p, x));
            }
        }
        return new Call(target, cls, method, new MethodSignature(method, embedded));
    }

    /**
     * The class whose properties make the sub-form of {@code p}: the one its EmbeddedInstance names, or
     * the subclass of it the request chose (Hyper-V's methods often name a CIM class and take their own
     * subclass of it, e.g. CIM_SettingData for Msvm_VirtualSystemSnapshotSettingData).
     */
    private CimClass embeddedClass(ConsoleRequest r, ClassHierarchy.PerRequest classes, CimNamespace ns, CimParameter p,
            CimName declared) {
        String field = MethodSignature.classField(p);
        String chosen = r.param(field);
        if (chosen == null || chosen.isBlank() || declared.is(chosen)) {
            return cim.getClass(r, ns, declared);
        }
        CimName name;
        try {
            name = CimName.of(chosen);
        } catch (IllegalArgumentException e) {
            throw new CimException(CimStatus.INVALID_PARAMETER, field + ": " + e.getMessage());
        }
        if (classes.in(ns).isA(name, declared)) {
            return cim.getClass(r, ns, name);
        }
        throw new CimException(CimStatus.INVALID_PARAMETER, field + ": " + name + " is not a subclass of " + declared);
    }

    /**
     * Before the form, per embedded-instance parameter whose class has subclasses in the namespace, a
     * small GET form that shows the page again with the sub-form of the chosen subclass.
     */
    private static void classChoosers(ClassHierarchy.PerRequest classes, HtmlOut out, Call c) throws IOException {
        for (CimParameter p : c.signature().inputs()) {
            CimName declared = MethodSignature.embeddedClassName(p);
            CimClass shown = c.signature().embeddedClass(p);
            if (declared == null || shown == null) {
                continue;
            }
            List<CimName> choices = new ArrayList<>(classes.in(c.ns()).descendants(declared));
            if (choices.isEmpty()) {
                continue;
            }
            choices.add(0, declared);
            out.raw("<form method=\"get\" class=\"embedded-class\" action=\"").raw(Html.attr(ConsolePaths.ROOT + ConsolePaths.METHOD))
                    .raw("\"><input type=\"hidden\" name=\"path\" value=\"").raw(Html.attr(c.target().toString()))
                    .raw("\"><input type=\"hidden\" name=\"method\" value=\"").raw(Html.attr(c.method().name().value())).raw("\">");
            for (CimParameter other : c.signature().inputs()) {
                CimClass o = c.signature().embeddedClass(other);
                if (o != null && other != p) {
                    out.raw("<input type=\"hidden\" name=\"").raw(Html.attr(MethodSignature.classField(other)))
                            .raw("\" value=\"").raw(Html.attr(o.name().value())).raw("\">");
                }
            }
            String id = "class-" + p.name().value();
            out.raw("<label for=\"").raw(Html.attr(id)).raw("\">").text(p.name().value() + " as").raw("</label> <select name=\"")
                    .raw(Html.attr(MethodSignature.classField(p))).raw("\" id=\"").raw(Html.attr(id)).raw("\">");
            for (CimName n : choices) {
                out.raw("<option").raw(n.equals(shown.name()) ? " selected" : "").raw(">").text(n.value()).raw("</option>");
            }
            out.raw("</select> <button type=\"submit\">Show its properties</button></form>");
        }
    }

    private static void heading(HtmlOut out, Call c) throws IOException {
        out.begin(c.title()).raw("<h1>").text(c.title()).raw("</h1><p>On <a class=\"target\" href=\"")
                .raw(Html.attr(c.target().hasKeys() ? ConsolePaths.instance(c.target())
                        : ConsolePaths.cimClass(c.ns(), c.cimClass().name())))
                .raw("\">").text(c.target().toString()).raw("</a></p>");
        String d = Declarations.description(c.method());
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
                    paths.add(Links.absolute(path, c.ns()));
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
                refs.add(Links.absolute(ref.path(), c.ns()));
                out.raw(Links.instance(ref.path(), c.ns()));
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
