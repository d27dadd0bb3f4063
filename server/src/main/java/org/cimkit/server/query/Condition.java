package org.cimkit.server.query;

import java.util.List;

import org.cimkit.model.CimName;
import org.cimkit.model.CimValue;

/** A parsed WHERE condition (WQL) or filter (DMTF:FQL). */
public sealed interface Condition {
    record And(Condition left, Condition right) implements Condition {
    }

    record Or(Condition left, Condition right) implements Condition {
    }

    record Not(Condition inner) implements Condition {
    }

    /** {@code left op right}; either side a property or a literal. */
    record Compare(Term left, String op, Term right) implements Condition {
    }

    record IsNull(Term term, boolean negated) implements Condition {
    }

    /** {@code term IS [NOT] TRUE|FALSE}. */
    record IsBoolean(Condition inner, boolean value, boolean negated) implements Condition {
    }

    record Isa(List<CimName> property, CimName className) implements Condition {
    }

    record Like(Term term, String pattern, boolean negated) implements Condition {
    }

    sealed interface Term {
    }

    /** A property, possibly a path into an embedded object ({@code a.b}). */
    record Property(List<CimName> path) implements Term {
    }

    /** A literal: boolean, sint64/uint64, real64, string, or NULL (a NullValue). */
    record Literal(CimValue value) implements Term {
    }
}
