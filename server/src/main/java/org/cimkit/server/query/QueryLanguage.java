package org.cimkit.server.query;

import java.util.Locale;

import org.cimkit.model.CimException;
import org.cimkit.model.CimStatus;

/**
 * The query languages the server speaks and the names clients send for them: the one place that
 * knows those names. Names are matched without regard to case (fact sheet: Pegasus is exact,
 * sfcb spells CQL three ways; we accept all spellings).
 */
public enum QueryLanguage {
    /** The SQL subset CIM servers share (no DMTF specification). */
    WQL,
    /** DMTF CQL (DSP0202), sent as {@code DMTF:CQL}, {@code CIM:CQL} or {@code CQL}. */
    CQL,
    /** DMTF FQL (DSP0212): a condition alone, the pull operations' FilterQuery. */
    FQL;

    /** The language of a SELECT query (ExecQuery, OpenQueryInstances, indication filters). */
    public static QueryLanguage forQuery(String name) {
        String n = name.strip().toUpperCase(Locale.ROOT);
        switch (n) {
            case "WQL":
                return WQL;
            case "DMTF:CQL":
            case "CIM:CQL":
            case "CQL":
                return CQL;
            default:
                throw new CimException(CimStatus.QUERY_LANGUAGE_NOT_SUPPORTED, "query language " + name
                        + " is not supported (use WQL, DMTF:CQL, CIM:CQL or CQL)");
        }
    }

    /** The language of a pull operation's FilterQuery: DMTF:FQL only. */
    public static QueryLanguage forFilter(String name) {
        if (!"DMTF:FQL".equalsIgnoreCase(name.strip())) {
            throw new CimException(CimStatus.QUERY_LANGUAGE_NOT_SUPPORTED, "filter query language " + name
                    + " is not supported (use DMTF:FQL)");
        }
        return FQL;
    }
}
