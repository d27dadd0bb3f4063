package org.cimkit.server.console;

import java.util.List;
import java.util.Map;

import org.cimkit.model.CimException;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimStatus;
import org.cimkit.server.dispatch.RequestContext;

/**
 * One console request as the pages see it: who asked (the logged-in user, null without
 * authentication), from where, the query or form parameters, and the CSRF token the user's forms carry.
 * Parameters a page needs but the request lacks, or cannot be read, are CIM_ERR_INVALID_PARAMETER
 * (the servlet answers 400 with the message).
 */
public record ConsoleRequest(String user, String host, String client, Map<String, List<String>> parameters,
        String csrfToken) {

    public ConsoleRequest {
        parameters = Map.copyOf(parameters);
    }

    /**
     * The request as dispatch sees a CIM client's: this user and host, in {@code ns}. The client is
     * named {@code console:USER@ADDRESS}, so the console's open enumerations count apart from those of
     * CIM-XML clients on the same address (and of other console users).
     */
    public RequestContext context(CimNamespace ns) {
        return new RequestContext(ns, host, user, "console:" + (user == null ? "" : user) + "@" + client);
    }

    /** A parameter's first value, or null. */
    public String param(String name) {
        List<String> v = parameters.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** Every value of a parameter (a multi-valued form field), empty when absent. */
    public List<String> params(String name) {
        return parameters.getOrDefault(name, List.of());
    }

    /** A parameter that must be there. */
    public String required(String name) {
        String v = param(name);
        if (v == null || v.isBlank()) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "the request has no " + name + " parameter");
        }
        return v;
    }

    /** The {@code ns} parameter as a namespace. */
    public CimNamespace namespace() {
        try {
            return CimNamespace.of(required("ns"));
        } catch (IllegalArgumentException e) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "ns: " + e.getMessage());
        }
    }

    /** A parameter naming a class or method. */
    public CimName name(String parameter) {
        try {
            return CimName.of(required(parameter));
        } catch (IllegalArgumentException e) {
            throw new CimException(CimStatus.INVALID_PARAMETER, parameter + ": " + e.getMessage());
        }
    }

    /** The {@code path} parameter: an object path with its namespace. */
    public CimObjectPath path() {
        CimObjectPath p;
        try {
            // quoted keys stay strings: dispatch converts each to its declared type, so a string key that
            // reads like a path is not taken for a reference
            p = CimObjectPath.parseQuotedAsStrings(required("path"));
        } catch (IllegalArgumentException e) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "path: " + e.getMessage());
        }
        if (p.namespace() == null) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "path: " + p + " names no namespace");
        }
        return p;
    }
}
