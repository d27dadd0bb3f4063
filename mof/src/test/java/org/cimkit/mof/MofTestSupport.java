package org.cimkit.mof;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** Qualifier declarations the tests build on (taken from DMTF qualifiers.mof) and compile helpers. */
abstract class MofTestSupport {
    static final String QUALIFIERS = """
            Qualifier Association : boolean = false, Scope(association), Flavor(DisableOverride, ToSubclass);
            Qualifier Indication : boolean = false, Scope(class, indication), Flavor(DisableOverride, ToSubclass);
            Qualifier Abstract : boolean = false, Scope(class, association, indication), Flavor(EnableOverride, Restricted);
            Qualifier Description : string = null, Scope(any), Flavor(EnableOverride, ToSubclass, Translatable);
            Qualifier Key : boolean = false, Scope(property, reference), Flavor(DisableOverride, ToSubclass);
            Qualifier Override : string = null, Scope(property, reference, method), Flavor(EnableOverride, Restricted);
            Qualifier EmbeddedInstance : string = null, Scope(property, method, parameter);
            Qualifier EmbeddedObject : boolean = false, Scope(property, method, parameter), Flavor(DisableOverride, ToSubclass);
            Qualifier In : boolean = true, Scope(parameter), Flavor(DisableOverride, ToSubclass);
            Qualifier Out : boolean = false, Scope(parameter), Flavor(DisableOverride, ToSubclass);
            Qualifier ValueMap : string[], Scope(property, method, parameter);
            Qualifier Values : string[], Scope(property, method, parameter), Flavor(EnableOverride, ToSubclass, Translatable);
            Qualifier Deprecated : string[], Scope(any), Flavor(EnableOverride, Restricted);
            Qualifier Version : string = null, Scope(class, association, indication), Flavor(EnableOverride, Restricted, Translatable);
            Qualifier MaxLen : uint32 = null, Scope(property, method, parameter);
            Qualifier Static : boolean = false, Scope(property, method), Flavor(DisableOverride, ToSubclass);
            Qualifier Required : boolean = false, Scope(property, reference, method, parameter), Flavor(DisableOverride, ToSubclass);
            Qualifier Units : string = null, Scope(property, method, parameter), Flavor(EnableOverride, ToSubclass, Translatable);
            Qualifier Max : uint32 = null, Scope(reference);
            """;

    /** A compiler that already knows {@link #QUALIFIERS} (compiled from "qualifiers.mof"). */
    static MofCompiler compiler() {
        try {
            return new MofCompiler().compileString("qualifiers.mof", QUALIFIERS);
        } catch (MofException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    static CompiledModel compile(String mof) {
        try {
            return compiler().compileString("test.mof", mof).result();
        } catch (MofException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    static NamespaceModel cimv2(String mof) {
        return compile(mof).namespace(MofCompiler.DEFAULT_NAMESPACE);
    }

    static MofException failure(String mof) {
        return assertThrows(MofException.class, () -> compiler().compileString("test.mof", mof));
    }

    /** The headline of the first error. */
    static String firstError(String mof) {
        return failure(mof).first().headline();
    }
}
