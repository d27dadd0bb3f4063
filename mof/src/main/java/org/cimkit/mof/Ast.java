package org.cimkit.mof;

import java.math.BigInteger;
import java.util.List;
import org.cimkit.model.CimType;
import org.cimkit.model.Flavor;
import org.cimkit.model.Scope;

/** The small syntax tree the parser builds; names are still plain strings, nothing is resolved. */
final class Ast {
    private Ast() {
    }

    /** Where something is: the source text (for the name and the excerpt), offset, 1-based line and column. */
    record Pos(SourceText text, long offset, int line, int column) {
        static Pos of(SourceText text, Token t) {
            return new Pos(text, t.offset, t.line, t.column);
        }
    }

    /** A qualifier as used on an element: {@code Name}, {@code Name(value)}, {@code Name{...}}, with per-use flavors. */
    record QualifierUse(Pos pos, String name, Value value, List<Flavor> flavors) {
    }

    sealed interface Production permits Pragma, QualifierDecl, ClassDecl, InstanceDecl {
        Pos pos();
    }

    record Pragma(Pos pos, String name, Pos argPos, String argument) implements Production {
    }

    record QualifierDecl(Pos pos, Pos namePos, String name, CimType type, boolean array, Integer arraySize,
            Value defaultValue, List<Scope> scopes, List<Flavor> flavors) implements Production {
    }

    record ClassDecl(Pos pos, List<QualifierUse> qualifiers, String keyword, Pos namePos, String name, Pos superPos,
            String superclass, List<Feature> features) implements Production {
    }

    record InstanceDecl(Pos pos, List<QualifierUse> qualifiers, Pos classPos, String className, Pos aliasPos,
            String alias, List<PropertyValue> values) implements Production {
    }

    record PropertyValue(Pos pos, String name, Value value) {
    }

    sealed interface Feature permits PropertyDecl, MethodDecl {
        Pos namePos();

        String name();

        List<QualifierUse> qualifiers();
    }

    /** A property or reference: {@code type} is REFERENCE and {@code refClass} set for {@code X REF Name}. */
    record PropertyDecl(List<QualifierUse> qualifiers, Pos typePos, CimType type, String refClass, Pos namePos,
            String name, boolean array, Integer arraySize, Value defaultValue) implements Feature {
    }

    /** A method; {@code returnType} null for v3 {@code void}. */
    record MethodDecl(List<QualifierUse> qualifiers, Pos typePos, CimType returnType, Pos namePos, String name,
            List<ParamDecl> parameters) implements Feature {
    }

    record ParamDecl(List<QualifierUse> qualifiers, Pos typePos, CimType type, String refClass, Pos namePos,
            String name, boolean array, Integer arraySize) {
    }

    sealed interface Value permits IntV, RealV, StrV, CharV, BoolV, NullV, ArrayV, AliasV, InstanceV {
        Pos pos();

        /** What kind of literal this is, for error messages. */
        String describe();
    }

    record IntV(Pos pos, BigInteger value, String text) implements Value {
        public String describe() {
            return "an integer";
        }
    }

    record RealV(Pos pos, String text) implements Value {
        public String describe() {
            return "a real number";
        }
    }

    record StrV(Pos pos, String value) implements Value {
        public String describe() {
            return "a string";
        }
    }

    record CharV(Pos pos, char value) implements Value {
        public String describe() {
            return "a char16";
        }
    }

    record BoolV(Pos pos, boolean value) implements Value {
        public String describe() {
            return "a boolean";
        }
    }

    record NullV(Pos pos) implements Value {
        public String describe() {
            return "NULL";
        }
    }

    record ArrayV(Pos pos, List<Value> elements) implements Value {
        public String describe() {
            return "an array";
        }
    }

    record AliasV(Pos pos, String alias) implements Value {
        public String describe() {
            return "an alias";
        }
    }

    record InstanceV(Pos pos, InstanceDecl instance) implements Value {
        public String describe() {
            return "an embedded instance";
        }
    }
}
