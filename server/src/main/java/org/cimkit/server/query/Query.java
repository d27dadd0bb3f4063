package org.cimkit.server.query;

import java.util.List;

import org.cimkit.model.CimName;

/**
 * A parsed SELECT: the select list (null for {@code *}), the FROM class and its alias (or null), the
 * optional WHERE condition, and how many ANY/EVERY variables evaluation needs slots for.
 */
record Query(List<SelectItem> select, CimName fromClass, CimName alias, Condition where, int variables) {
    Query {
        select = select == null ? null : List.copyOf(select);
    }

    /** {@code chain} or {@code chain.*} ({@code whole}); the chain starts at the instance tested. */
    record SelectItem(Expr.Chain chain, boolean whole) {
    }
}
