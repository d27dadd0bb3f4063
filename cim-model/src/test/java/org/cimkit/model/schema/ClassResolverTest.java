package org.cimkit.model.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.cimkit.model.CimClass;
import org.cimkit.model.CimMethod;
import org.cimkit.model.CimName;
import org.cimkit.model.CimParameter;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimQualifier;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.model.QualifierFlavors;
import org.cimkit.model.schema.ResolutionProblem.Kind;
import org.cimkit.model.schema.ResolutionProblem.Part;
import org.junit.jupiter.api.Test;

/** Each DSP0004 rule of the class resolver on its own. */
class ClassResolverTest {
    private static final QualifierFlavors DISABLE_OVERRIDE = new QualifierFlavors(false, true, false, false);
    private static final QualifierFlavors RESTRICTED = new QualifierFlavors(true, false, false, false);

    static CimQualifier q(String name, CimValue v, QualifierFlavors f) {
        return new CimQualifier(CimName.of(name), v, f, false);
    }

    static CimQualifier q(String name, String v) {
        return q(name, new CimValue.StringValue(v), QualifierFlavors.DEFAULT);
    }

    static CimQualifier key() {
        return q("Key", CimValue.BooleanValue.TRUE, DISABLE_OVERRIDE);
    }

    static CimProperty prop(String name, CimType type, CimQualifier... qs) {
        return new CimProperty(CimName.of(name), type, false, null, null, null, List.of(qs), null, false);
    }

    static CimParameter param(String name, CimType type, CimQualifier... qs) {
        return new CimParameter(CimName.of(name), type, false, null, null, List.of(qs));
    }

    static CimMethod method(String name, CimType ret, List<CimParameter> params, CimQualifier... qs) {
        return new CimMethod(CimName.of(name), ret, params, List.of(qs), null, false);
    }

    /** A root class with a key, a Restricted and a ToSubclass qualifier everywhere, and a method. */
    static CimClass base() {
        return ClassResolver.resolve(CimClass.builder("T_Base")
                .qualifier(q("Description", "base")).qualifier(q("Abstract", CimValue.BooleanValue.TRUE, RESTRICTED))
                .property(prop("Id", CimType.STRING, key(), q("Description", "id")))
                .property(prop("Name", CimType.STRING, q("MaxLen", new CimValue.IntegerValue(CimType.UINT32, 8),
                        RESTRICTED), q("Units", "chars")))
                .method(method("Go", CimType.UINT32, List.of(param("How", CimType.STRING, q("Description", "how"),
                        q("ValueMap", new CimValue.StringValue("x"), RESTRICTED))), q("Description", "go"),
                        q("Static", CimValue.BooleanValue.TRUE, RESTRICTED)))
                .build(), null);
    }

    static List<ResolutionProblem> problems(CimClass local, CimClass sup) {
        List<ResolutionProblem> out = new ArrayList<>();
        ClassResolver.resolve(local, sup, out::add);
        return out;
    }

    @Test
    void aRootClassGetsItsOwnNameAsOriginEverywhere() {
        CimClass b = base();
        assertEquals(CimName.of("T_Base"), b.property("Id").classOrigin());
        assertFalse(b.property("Id").propagated());
        assertEquals(CimName.of("T_Base"), b.method("Go").classOrigin());
        assertNull(b.superclass());
    }

    @Test
    void inheritedElementsComeFirstWithOriginAndPropagated() {
        CimClass sub = ClassResolver.resolve(CimClass.builder("T_Sub").superclass("T_Base")
                .property(prop("Extra", CimType.UINT8)).build(), base());
        assertEquals(List.of("Id", "Name", "Extra"), sub.properties().stream().map(p -> p.name().value()).toList());
        assertEquals(CimName.of("T_Base"), sub.property("Name").classOrigin());
        assertTrue(sub.property("Name").propagated());
        assertEquals(CimName.of("T_Sub"), sub.property("Extra").classOrigin());
        assertFalse(sub.property("Extra").propagated());
        assertTrue(sub.method("Go").propagated());
        assertEquals(CimName.of("T_Base"), sub.method("Go").classOrigin());
    }

    @Test
    void toSubclassQualifiersPropagateAndRestrictedOnesStayBehind() {
        CimClass sub = ClassResolver.resolve(CimClass.builder("T_Sub").superclass("T_Base").build(), base());
        assertNull(sub.qualifier("Abstract"), "Restricted class qualifier");
        assertTrue(sub.qualifier("Description").propagated());
        assertNull(sub.property("Name").qualifier("MaxLen"));
        assertTrue(sub.property("Name").qualifier("Units").propagated());
        assertNull(sub.method("Go").qualifier("Static"));
        CimParameter how = sub.method("Go").parameter("How");
        assertNull(how.qualifier("ValueMap"), "Restricted parameter qualifiers stay behind too");
        assertTrue(how.qualifier("Description").propagated());
    }

    @Test
    void anOverrideKeepsTheOriginAndListsItsOwnQualifiersBeforeTheInheritedOnes() {
        CimClass sub = ClassResolver.resolve(CimClass.builder("T_Sub").superclass("T_Base")
                .property(prop("Name", CimType.STRING, q("Description", "better"), q("Override", "Name")))
                .build(), base());
        CimProperty name = sub.property("Name");
        assertEquals(CimName.of("T_Base"), name.classOrigin());
        assertFalse(name.propagated());
        assertEquals(List.of("Description", "Override", "Units"), name.qualifiers().stream()
                .map(qq -> qq.name().value()).toList());
        assertEquals(List.of(false, false, true), name.qualifiers().stream().map(CimQualifier::propagated).toList());
        assertEquals(List.of("Id", "Name"), sub.properties().stream().map(p -> p.name().value()).toList(),
                "an override keeps the inherited position");
    }

    @Test
    void overridingParametersInheritTheQualifiersOfTheSameNamedParameter() {
        CimClass sub = ClassResolver.resolve(CimClass.builder("T_Sub").superclass("T_Base")
                .method(method("Go", CimType.UINT32, List.of(param("How", CimType.STRING, q("Units", "s"))),
                        q("Override", "Go")))
                .build(), base());
        CimMethod go = sub.method("Go");
        assertEquals(CimName.of("T_Base"), go.classOrigin());
        assertEquals(List.of("Override", "Description"), go.qualifiers().stream().map(qq -> qq.name().value()).toList());
        assertEquals(List.of("Units", "Description"), go.parameter("How").qualifiers().stream()
                .map(qq -> qq.name().value()).toList());
    }

    @Test
    void overrideNamingNothingIsAProblem() {
        List<ResolutionProblem> ps = problems(CimClass.builder("T_Sub").superclass("T_Base")
                .property(prop("Nmae", CimType.STRING, q("Override", "Nmae"))).build(), base());
        assertEquals(1, ps.size());
        ResolutionProblem p = ps.get(0);
        assertEquals(Kind.OVERRIDE_TARGET_MISSING, p.kind());
        assertEquals(Part.PROPERTY, p.part());
        assertEquals(CimName.of("Nmae"), p.feature());
        assertEquals("Override(\"Nmae\"): superclass T_Base has no property 'Nmae'", p.message());

        ps = problems(CimClass.builder("T_Root").method(method("Go", CimType.UINT32, List.of(),
                q("Override", "Go"))).build(), null);
        assertEquals(Kind.OVERRIDE_WITHOUT_SUPERCLASS, ps.get(0).kind());
        assertEquals("Override(\"Go\") but class has no superclass", ps.get(0).message());
    }

    @Test
    void overrideMayNameTheElementItReplaces() {
        CimClass sub = ClassResolver.resolve(CimClass.builder("T_Sub").superclass("T_Base")
                .property(prop("Label", CimType.STRING, q("Override", "Name"))).build(), base());
        assertEquals(CimName.of("T_Base"), sub.property("Label").classOrigin());
        assertTrue(sub.property("Label").qualifier("Units").propagated(), "inherits from the element it names");
    }

    @Test
    void aDisableOverrideQualifierMayOnlyBeRestatedWithTheSameValue() {
        CimClass same = ClassResolver.resolve(CimClass.builder("T_Sub").superclass("T_Base")
                .property(prop("Id", CimType.STRING, key())).build(), base());
        assertFalse(same.property("Id").qualifier("Key").propagated());

        List<ResolutionProblem> ps = problems(CimClass.builder("T_Sub").superclass("T_Base")
                .property(prop("Id", CimType.STRING, q("Key", CimValue.BooleanValue.FALSE, DISABLE_OVERRIDE)))
                .build(), base());
        assertEquals(List.of(Kind.DISABLE_OVERRIDE), ps.stream().map(ResolutionProblem::kind).toList());
        assertEquals(CimName.of("Key"), ps.get(0).qualifier());
        assertEquals("qualifier 'Key' has flavor DisableOverride and cannot be changed on property Id",
                ps.get(0).message());
    }

    @Test
    void disableOverrideHoldsOnClassesAndParametersToo() {
        CimClass sup = ClassResolver.resolve(CimClass.builder("T_A")
                .qualifier(q("Version", new CimValue.StringValue("1"), DISABLE_OVERRIDE))
                .method(method("M", null, List.of(param("P", CimType.UINT8,
                        q("In", CimValue.BooleanValue.TRUE, DISABLE_OVERRIDE))))).build(), null);
        List<ResolutionProblem> ps = problems(CimClass.builder("T_B").superclass("T_A")
                .qualifier(q("Version", new CimValue.StringValue("2"), DISABLE_OVERRIDE))
                .method(method("M", null, List.of(param("P", CimType.UINT8,
                        q("In", CimValue.BooleanValue.FALSE, DISABLE_OVERRIDE))))).build(), sup);
        assertEquals(List.of(Part.CLASS, Part.PARAMETER), ps.stream().map(ResolutionProblem::part).toList());
        assertEquals("qualifier 'Version' has flavor DisableOverride and cannot be changed on class T_B",
                ps.get(0).message());
        assertEquals(CimName.of("M"), ps.get(1).feature());
        assertEquals(CimName.of("P"), ps.get(1).parameter());
    }

    @Test
    void anOverridingPropertyKeepsTheType() {
        List<ResolutionProblem> ps = problems(CimClass.builder("T_Sub").superclass("T_Base")
                .property(prop("Name", CimType.UINT32)).build(), base());
        assertEquals(Kind.OVERRIDE_TYPE_MISMATCH, ps.get(0).kind());
        assertEquals("property 'Name' is uint32 but overrides a property of type string", ps.get(0).message());
    }

    @Test
    void embeddedQualifiersTypeStringElementsAlsoWhenInherited() {
        CimClass a = ClassResolver.resolve(CimClass.builder("T_A")
                .property(prop("Inst", CimType.STRING, q("EmbeddedInstance", "T_A")))
                .property(prop("Obj", CimType.STRING, q("EmbeddedObject", CimValue.BooleanValue.TRUE,
                        DISABLE_OVERRIDE)))
                .method(method("Make", CimType.STRING, List.of(param("S", CimType.STRING,
                        q("EmbeddedInstance", "T_A"))), q("EmbeddedInstance", "T_A")))
                .build(), null);
        assertEquals(CimType.INSTANCE, a.property("Inst").type());
        assertEquals(CimType.INSTANCE, a.property("Inst").value().type(), "the NULL default follows the type");
        assertEquals(CimType.OBJECT, a.property("Obj").type());
        assertEquals(CimType.INSTANCE, a.method("Make").returnType());
        assertEquals(CimType.INSTANCE, a.method("Make").parameter("S").type());

        CimClass b = ClassResolver.resolve(CimClass.builder("T_B").superclass("T_A")
                .property(prop("Inst", CimType.STRING, q("Description", "restated without the qualifier")))
                .build(), a);
        assertEquals(CimType.INSTANCE, b.property("Inst").type(), "the inherited EmbeddedInstance still applies");
    }

    @Test
    void aStringDefaultCannotBeAnEmbeddedInstance() {
        CimProperty p = new CimProperty(CimName.of("Inst"), CimType.STRING, false, null, null,
                new CimValue.StringValue("text"), List.of(q("EmbeddedInstance", "T_A")), null, false);
        List<ResolutionProblem> ps = problems(CimClass.builder("T_A").property(p).build(), null);
        assertEquals(Kind.EMBEDDED_DEFAULT, ps.get(0).kind());
        assertEquals("default value of property 'Inst' is a string, but the property holds embedded instances",
                ps.get(0).message());
    }

    @Test
    void onlyAssociationsHaveReferencesAndSubclassesOfAssociationsAreAssociations() {
        CimProperty ref = new CimProperty(CimName.of("Left"), CimType.REFERENCE, false, null, CimName.of("T_Base"),
                null, List.of(key()), null, false);
        List<ResolutionProblem> ps = problems(CimClass.builder("T_Plain").property(ref).build(), null);
        assertEquals(Kind.REFERENCE_OUTSIDE_ASSOCIATION, ps.get(0).kind());
        assertEquals("reference property 'Left' in class T_Plain, which is not an association", ps.get(0).message());

        CimClass assoc = ClassResolver.resolve(CimClass.builder("T_Link")
                .qualifier(q("Association", CimValue.BooleanValue.TRUE, DISABLE_OVERRIDE)).property(ref).build(), null);
        CimProperty right = new CimProperty(CimName.of("Right"), CimType.REFERENCE, false, null, CimName.of("T_Base"),
                null, List.of(), null, false);
        CimClass sub = ClassResolver.resolve(CimClass.builder("T_SubLink").superclass("T_Link").property(right).build(),
                assoc);
        assertTrue(sub.isAssociation());
        assertTrue(sub.qualifier("Association").propagated());
    }

    @Test
    void aClassSentBackWholeResolvesToItself() {
        CimClass sub = ClassResolver.resolve(CimClass.builder("T_Sub").superclass("T_Base")
                .qualifier(q("Description", "sub"))
                .property(prop("Name", CimType.STRING, q("Description", "better")))
                .property(prop("Extra", CimType.UINT8)).build(), base());
        assertEquals(sub, ClassResolver.resolve(sub, base()));
    }

    @Test
    void theThrowingFormThrowsTheFirstProblem() {
        ClassResolutionException e = assertThrows(ClassResolutionException.class, () -> ClassResolver.resolve(
                CimClass.builder("T_Sub").superclass("T_Base").property(prop("Name", CimType.UINT32)).build(), base()));
        assertEquals(Kind.OVERRIDE_TYPE_MISMATCH, e.problem().kind());
    }

    @Test
    void theSuperclassKeepsItsOwnSpelling() {
        CimClass sub = ClassResolver.resolve(CimClass.builder("T_Sub").superclass("t_base").build(), base());
        assertEquals("T_Base", sub.superclass().value());
    }

    @Test
    void embeddedInstanceWinsOverEmbeddedObject() {
        assertEquals(CimType.INSTANCE, EmbeddedTypes.of(CimType.STRING, List.of(
                q("EmbeddedObject", CimValue.BooleanValue.TRUE, QualifierFlavors.DEFAULT), q("EmbeddedInstance", "X"))));
        assertEquals(CimType.STRING, EmbeddedTypes.of(CimType.STRING, List.of(q("EmbeddedInstance",
                new CimValue.NullValue(CimType.STRING, false), QualifierFlavors.DEFAULT))), "a NULL class name");
        assertEquals(CimType.UINT8, EmbeddedTypes.of(CimType.UINT8, List.of(q("EmbeddedInstance", "X"))));
    }
}
