package org.cimkit.server.console;

import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;

/** The links the browse pages share, escaped through {@link Html}, with the classes the DOM contract names. */
final class Links {
    private Links() {
    }

    /**
     * {@code path} as the console addresses it: in {@code ns} when it names no namespace (a reference
     * or an association's path relative to the instance that holds it), and without a host, since the
     * console reaches only this server.
     */
    static CimObjectPath absolute(CimObjectPath path, CimNamespace ns) {
        CimNamespace in = path.namespace() == null ? ns : path.namespace();
        return CimObjectPath.of(null, in, path.className(), path.keys());
    }

    /**
     * {@code a.instance-link} to the instance page of {@code path}, read in {@code ns}; the text is the
     * path without its namespace, unless that is another one (an association may cross namespaces).
     */
    static String instance(CimObjectPath path, CimNamespace ns) {
        return instance(path, ns, null);
    }

    /** {@link #instance(CimObjectPath, CimNamespace)} with the element id {@code id} (none when null). */
    static String instance(CimObjectPath path, CimNamespace ns, String id) {
        CimObjectPath p = absolute(path, ns);
        String text = p.namespace().equals(ns) ? p.local().toString() : p.toString();
        return "<a" + (id == null ? "" : " id=\"" + Html.attr(id) + "\"") + " class=\"instance-link\" href=\""
                + Html.attr(ConsolePaths.instance(p)) + "\">" + Html.text(text) + "</a>";
    }

    /**
     * {@code a.method-link} (with {@code data-method}) to the form that calls {@code method} on
     * {@code target}: an instance path, or a class path for a static method; both with namespace.
     */
    static String method(CimObjectPath target, CimName method) {
        return "<a class=\"method-link\" data-method=\"" + Html.attr(method.value()) + "\" href=\""
                + Html.attr(ConsolePaths.method(target, method)) + "\">" + Html.text(method.value()) + "</a>";
    }

    /** {@code a.class-link} to a class page. */
    static String cimClass(CimNamespace ns, CimName className) {
        return "<a class=\"class-link\" href=\"" + Html.attr(ConsolePaths.cimClass(ns, className)) + "\">"
                + Html.text(className.value()) + "</a>";
    }
}
