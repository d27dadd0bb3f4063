package org.cimkit.server.query;

import java.util.List;

import org.cimkit.model.CimName;

/**
 * A parsed WHERE condition (WQL, CQL) or filter (DMTF:FQL). AND and OR hold all their operands in
 * one list, so that a long chain of them does not nest (evaluation depth stays bounded by the
 * parser's nesting limit).
 */
sealed interface Condition {
    record And(List<Condition> terms) implements Condition {
        public And {
            terms = List.copyOf(terms);
        }
    }

    record Or(List<Condition> terms) implements Condition {
        public Or {
            terms = List.copyOf(terms);
        }
    }

    record Not(Condition inner) implements Condition {
    }

    record Compare(Expr left, Op op, Expr right) implements Condition {
    }

    record IsNull(Expr term, boolean negated) implements Condition {
    }

    /** WQL {@code cond IS [NOT] TRUE|FALSE}. */
    record IsBoolean(Condition inner, boolean value, boolean negated) implements Condition {
    }

    /** {@code term ISA Class}: the embedded object or referenced instance is a Class or a subclass. */
    record Isa(Expr term, CimName className) implements Condition {
    }

    record Like(Expr term, LikePattern pattern, boolean negated) implements Condition {
    }

    /** CQL {@code ANY|EVERY x IN chain[*] SATISFIES (cond)}; {@code variable} is x's slot. */
    record Quantified(boolean every, int variable, Expr array, Condition condition) implements Condition {
    }

    enum Op {
        EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">=");

        final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        static Op of(String s) {
            return switch (s) {
                case "=" -> EQ;
                case "<>", "!=" -> NE;
                case "<" -> LT;
                case "<=" -> LE;
                case ">" -> GT;
                case ">=" -> GE;
                default -> throw new IllegalArgumentException(s);
            };
        }

        /** Whether an ordering result ({@code <0, 0, >0}) satisfies this operator. */
        boolean test(int cmp) {
            return switch (this) {
                case EQ -> cmp == 0;
                case NE -> cmp != 0;
                case LT -> cmp < 0;
                case LE -> cmp <= 0;
                case GT -> cmp > 0;
                case GE -> cmp >= 0;
            };
        }
    }
}
