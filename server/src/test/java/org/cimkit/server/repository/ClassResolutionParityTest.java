package org.cimkit.server.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.cimkit.model.CimClass;
import org.cimkit.model.CimMethod;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimParameter;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimQualifier;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.model.QualifierFlavors;
import org.cimkit.mof.MofCompiler;
import org.cimkit.mof.NamespaceModel;
import org.junit.jupiter.api.Test;

/**
 * A class defined in MOF and the same class created by a client (CreateClass with the class's own
 * elements, as the CIM-XML reader hands them to the repository) resolve to equal classes: both go
 * through the one class resolver.
 */
class ClassResolutionParityTest {
    private static final CimNamespace NS = CimNamespace.of("root/parity");
    private static final String MOF = """
            Qualifier Association : boolean = false, Scope(association), Flavor(DisableOverride, ToSubclass);
            Qualifier Key : boolean = false, Scope(property, reference), Flavor(DisableOverride, ToSubclass);
            Qualifier Description : string = null, Scope(any), Flavor(Translatable);
            Qualifier Override : string = null, Scope(property, reference, method), Flavor(Restricted);
            Qualifier EmbeddedInstance : string = null, Scope(property, method, parameter);
            Qualifier In : boolean = true, Scope(parameter), Flavor(DisableOverride, ToSubclass);
            Qualifier Out : boolean = false, Scope(parameter), Flavor(DisableOverride, ToSubclass);
            Qualifier Units : string = null, Scope(property, method, parameter);
            Qualifier MaxLen : uint32 = null, Scope(property, method, parameter);
            Qualifier Abstract : boolean = false, Scope(class, association, indication), Flavor(Restricted);

            [Abstract, Description("base")]
            class T_Base {
                [Key, Description("id")] string Id;
                [MaxLen(64) : Restricted, Units("chars")] string Name;
                [Description("starts"), Units("s")]
                uint32 Start([In, Description("how")] string How,
                             [In(false), Out, EmbeddedInstance("T_Base"), MaxLen(1) : Restricted] string Result);
            };

            [Description("derived")]
            class T_Derived : T_Base {
                [Override("Name"), Description("better name")] string Name;
                [EmbeddedInstance("T_Base")] string Payload;
                [Override("Start")] uint32 Start([In, Units("ms")] string How, [In(false), Out] string Result);
            };

            class T_Plain : T_Base {
            };

            [Association, Description("link")]
            class T_Link {
                [Key] T_Base REF Owner;
                [Key, Description("part")] T_Derived REF Part;
            };
            """;

    private static final QualifierFlavors DISABLE_OVERRIDE = new QualifierFlavors(false, true, false, false);
    private static final QualifierFlavors TRANSLATABLE = new QualifierFlavors(true, true, false, true);
    private static final QualifierFlavors RESTRICTED = new QualifierFlavors(true, false, false, false);

    @Test
    void mofAndCreateClassResolveToEqualClasses() throws Exception {
        NamespaceModel mof = new MofCompiler().defaultNamespace(NS).compileString("parity.mof", MOF).result()
                .namespace(NS);
        Repository repo = new Repository(new InstanceShaper(new ValueConverter(text -> {
            throw new IllegalStateException("no embedded text in this test");
        })));
        repo.createNamespace(NS);
        mof.qualifierTypes().values().forEach(q -> repo.loadQualifierType(NS, q));

        for (CimClass local : List.of(base(), derived(), plain(), link())) {
            CimClass created = repo.createClass(NS, local);
            CimClass compiled = mof.cimClass(local.name().value());
            assertEquals(compiled.qualifiers(), created.qualifiers(), local.name() + " qualifiers");
            assertEquals(compiled.properties(), created.properties(), local.name() + " properties");
            assertEquals(compiled.methods(), created.methods(), local.name() + " methods");
            assertEquals(compiled, created);
        }
        // what the resolver made of the inherited parts, so that equality is not equality of two wrong classes
        CimClass derived = mof.cimClass("T_Derived");
        assertEquals(CimType.INSTANCE, derived.method("Start").parameter("Result").type(),
                "EmbeddedInstance inherited from the overridden parameter");
        assertEquals(null, derived.method("Start").parameter("Result").qualifier("MaxLen"), "Restricted");
        assertEquals(CimName.of("T_Base"), derived.property("Name").classOrigin());
        assertEquals(null, derived.property("Name").qualifier("MaxLen"), "Restricted");
        assertEquals(null, derived.qualifier("Abstract"), "Restricted");
        assertEquals(null, mof.cimClass("T_Plain").method("Start").parameter("Result").qualifier("MaxLen"),
                "Restricted parameter qualifiers stay behind on inherited methods");
    }

    private static CimQualifier q(String name, CimValue v, QualifierFlavors f) {
        return new CimQualifier(CimName.of(name), v, f, false);
    }

    private static CimQualifier key() {
        return q("Key", CimValue.BooleanValue.TRUE, DISABLE_OVERRIDE);
    }

    private static CimQualifier description(String text) {
        return q("Description", new CimValue.StringValue(text), TRANSLATABLE);
    }

    private static CimQualifier text(String name, String value) {
        return q(name, new CimValue.StringValue(value), QualifierFlavors.DEFAULT);
    }

    private static CimQualifier in(boolean value) {
        return q("In", CimValue.BooleanValue.of(value), DISABLE_OVERRIDE);
    }

    private static CimQualifier out() {
        return q("Out", CimValue.BooleanValue.TRUE, DISABLE_OVERRIDE);
    }

    private static CimQualifier maxLen(long n) {
        return q("MaxLen", new CimValue.IntegerValue(CimType.UINT32, n), RESTRICTED);
    }

    private static CimQualifier override(String name) {
        return q("Override", new CimValue.StringValue(name), RESTRICTED);
    }

    private static CimProperty property(String name, CimType type, String refClass, CimQualifier... qs) {
        return new CimProperty(CimName.of(name), type, false, null, CimName.ofNullable(refClass), null, List.of(qs),
                null, false);
    }

    private static CimParameter parameter(String name, CimQualifier... qs) {
        return new CimParameter(CimName.of(name), CimType.STRING, false, null, null, List.of(qs));
    }

    private static CimMethod method(String name, List<CimParameter> params, CimQualifier... qs) {
        return new CimMethod(CimName.of(name), CimType.UINT32, new ArrayList<>(params), List.of(qs), null, false);
    }

    private static CimClass base() {
        return CimClass.builder("T_Base")
                .qualifier(q("Abstract", CimValue.BooleanValue.TRUE, RESTRICTED)).qualifier(description("base"))
                .property(property("Id", CimType.STRING, null, key(), description("id")))
                .property(property("Name", CimType.STRING, null, maxLen(64), text("Units", "chars")))
                .method(method("Start", List.of(parameter("How", in(true), description("how")),
                        parameter("Result", in(false), out(), text("EmbeddedInstance", "T_Base"), maxLen(1))),
                        description("starts"), text("Units", "s")))
                .build();
    }

    private static CimClass derived() {
        return CimClass.builder("T_Derived").superclass("T_Base").qualifier(description("derived"))
                .property(property("Name", CimType.STRING, null, override("Name"), description("better name")))
                // the CIM-XML reader already types a string qualified EmbeddedInstance as an instance
                .property(property("Payload", CimType.INSTANCE, null, text("EmbeddedInstance", "T_Base")))
                .method(method("Start", List.of(parameter("How", in(true), text("Units", "ms")),
                        parameter("Result", in(false), out())), override("Start")))
                .build();
    }

    private static CimClass plain() {
        return CimClass.builder("T_Plain").superclass("T_Base").build();
    }

    private static CimClass link() {
        return CimClass.builder("T_Link")
                .qualifier(q("Association", CimValue.BooleanValue.TRUE, DISABLE_OVERRIDE)).qualifier(description("link"))
                .property(property("Owner", CimType.REFERENCE, "T_Base", key()))
                .property(property("Part", CimType.REFERENCE, "T_Derived", key(), description("part")))
                .build();
    }
}
