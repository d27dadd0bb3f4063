package org.cimkit.server.query;

import java.util.List;

import org.cimkit.model.CimName;

/** A parsed SELECT: selected properties (null for *), the FROM class and the optional WHERE condition. */
public record Query(List<CimName> properties, CimName fromClass, Condition where) {
    public Query {
        properties = properties == null ? null : List.copyOf(properties);
    }
}
