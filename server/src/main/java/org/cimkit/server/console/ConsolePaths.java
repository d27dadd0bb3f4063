package org.cimkit.server.console;

import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;

/**
 * The console's addresses, in one place: the servlet routes by these and the pages link with them.
 * Namespaces, classes and object paths travel as query parameters (namespace names contain '/'); an
 * object path is written in its canonical text form ({@link CimObjectPath#toString()}, with namespace)
 * and read back with {@link CimObjectPath#parseQuotedAsStrings} (dispatch gives each key its declared type).
 */
public final class ConsolePaths {
    /** Where the console is mounted; GET / of the server leads here. */
    public static final String ROOT = "/console";
    public static final String HOME = ROOT + "/";

    // the routes, relative to ROOT
    static final String NAMESPACES = "/";
    static final String CLASSES = "/classes";
    static final String CLASS = "/class";
    static final String INSTANCES = "/instances";
    static final String INSTANCE = "/instance";
    static final String METHOD = "/method";
    static final String JOBS = "/jobs";
    static final String JOB_ROWS = "/jobs/rows";
    static final String STATIC = "/static/";

    private ConsolePaths() {
    }

    public static String home() {
        return HOME;
    }

    /** The class tree of a namespace. */
    public static String classes(CimNamespace ns) {
        return ROOT + CLASSES + "?ns=" + Html.query(ns.value());
    }

    /** A class: qualifiers, properties, methods. */
    public static String cimClass(CimNamespace ns, CimName className) {
        return ROOT + CLASS + "?ns=" + Html.query(ns.value()) + "&class=" + Html.query(className.value());
    }

    /** The first page of a class's instances (with those of its subclasses). */
    public static String instances(CimNamespace ns, CimName className) {
        return ROOT + INSTANCES + "?ns=" + Html.query(ns.value()) + "&class=" + Html.query(className.value());
    }

    /** The next page of an open enumeration (a pull operation's EnumerationContext). */
    public static String instancesPage(CimNamespace ns, CimName className, String enumerationContext) {
        return instances(ns, className) + "&context=" + Html.query(enumerationContext);
    }

    /** An instance, {@code path} with its namespace: properties, references, associators, methods. */
    public static String instance(CimObjectPath path) {
        return ROOT + INSTANCE + "?path=" + Html.query(path.toString());
    }

    /** The form that calls {@code method} on {@code target} (an instance, or a class for a static method). */
    public static String method(CimObjectPath target, CimName method) {
        return ROOT + METHOD + "?path=" + Html.query(target.toString()) + "&method=" + Html.query(method.value());
    }

    /** The live page of every job. */
    public static String jobs() {
        return ROOT + JOBS;
    }

    /** The rows of the jobs table, which the jobs page fetches to update itself. */
    public static String jobRows() {
        return ROOT + JOB_ROWS;
    }

    /** The row of one job ({@code job} with its namespace), which a method's result page polls. */
    public static String jobRows(CimObjectPath job) {
        return ROOT + JOB_ROWS + "?path=" + Html.query(job.toString());
    }

    /** A static asset shipped in the jar (style sheet, script). */
    public static String asset(String name) {
        return ROOT + STATIC + name;
    }
}
