package org.cimkit.model.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cimkit.model.CimClass;
import org.cimkit.model.CimMethod;
import org.cimkit.model.CimName;
import org.cimkit.model.CimParameter;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimQualifier;
import org.cimkit.model.CimQualifierType;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.model.QualifierFlavors;
import org.cimkit.model.Scope;
import org.cimkit.model.schema.ClassChecks.Element;
import org.cimkit.model.schema.ResolutionProblem.Kind;
import org.cimkit.model.schema.ResolutionProblem.Part;
import org.junit.jupiter.api.Test;

/** Each rule of {@link ClassChecks} on its own, with the element and message a caller reports. */
class ClassChecksTest {
    private static final CimQualifierType KEY = type("Key", CimType.BOOLEAN, false, Scope.PROPERTY, Scope.REFERENCE);
    private static final CimQualifierType DESCRIPTION = type("Description", CimType.STRING, false, Scope.ANY);
    private static final CimQualifierType VALUES = type("Values", CimType.STRING, true, Scope.PROPERTY, Scope.METHOD,
            Scope.PARAMETER);
    private static final CimQualifierType ABSTRACT = type("Abstract", CimType.BOOLEAN, false, Scope.CLASS);
    private static final CimQualifierType ASSOCIATION = type("Association", CimType.BOOLEAN, false, Scope.ASSOCIATION);
    private static final Map<CimName, CimQualifierType> DECLARED = Map.of(KEY.name(), KEY, DESCRIPTION.name(),
            DESCRIPTION, VALUES.name(), VALUES, ABSTRACT.name(), ABSTRACT, ASSOCIATION.name(), ASSOCIATION);

    private static CimQualifierType type(String name, CimType t, boolean array, Scope first, Scope... rest) {
        return new CimQualifierType(CimName.of(name), t, array, null, null, EnumSet.of(first, rest),
                QualifierFlavors.DEFAULT);
    }

    private static CimQualifier flag(String name) {
        return new CimQualifier(CimName.of(name), CimValue.BooleanValue.TRUE, QualifierFlavors.DEFAULT, false);
    }

    private static CimProperty prop(String name, CimType type, CimName refClass, CimQualifier... qs) {
        return new CimProperty(CimName.of(name), type, false, null, refClass, null, List.of(qs), null, false);
    }

    @Test
    void theScopeOfAClassOrPropertyFollowsWhatItIs() {
        assertEquals(Scope.ASSOCIATION, ClassChecks.classScope(true, false));
        assertEquals(Scope.ASSOCIATION, ClassChecks.classScope(true, true), "an association indication is an association");
        assertEquals(Scope.INDICATION, ClassChecks.classScope(false, true));
        assertEquals(Scope.CLASS, ClassChecks.classScope(false, false));
        assertEquals(Scope.REFERENCE, ClassChecks.propertyScope(CimType.REFERENCE));
        assertEquals(Scope.PROPERTY, ClassChecks.propertyScope(CimType.STRING));
    }

    @Test
    void aQualifierMustBeDeclared() {
        ResolutionProblem p = ClassChecks.qualifierUse(CimName.of("NoSuch"), null, Scope.PROPERTY,
                Element.property(CimName.of("Id"))).orElseThrow();
        assertEquals(Kind.QUALIFIER_NOT_DECLARED, p.kind());
        assertEquals(Part.PROPERTY, p.part());
        assertEquals(CimName.of("Id"), p.feature());
        assertEquals("unknown qualifier 'NoSuch'", p.message());
    }

    @Test
    void aQualifierMustBeAllowedByItsScope() {
        ResolutionProblem p = ClassChecks.qualifierUse(KEY.name(), KEY, Scope.CLASS, Element.ofClass()).orElseThrow();
        assertEquals(Kind.QUALIFIER_SCOPE, p.kind());
        assertEquals("qualifier 'Key' cannot be used on a class (scope: property, reference)", p.message());
        assertEquals("qualifier 'Association' cannot be used on a class (scope: association)", ClassChecks
                .qualifierUse(ASSOCIATION.name(), ASSOCIATION, Scope.CLASS, Element.ofClass()).orElseThrow().message());
        assertTrue(ClassChecks.qualifierUse(ABSTRACT.name(), ABSTRACT, Scope.ASSOCIATION, Element.ofClass()).isEmpty(),
                "a class qualifier applies to associations too");
        assertTrue(ClassChecks.qualifierUse(DESCRIPTION.name(), DESCRIPTION, Scope.PARAMETER,
                Element.parameter(CimName.of("M"), CimName.of("P"))).isEmpty(), "scope any");
    }

    @Test
    void aQualifierValueMustHaveTheDeclaredTypeAndArrayness() {
        Element on = Element.method(CimName.of("Go"));
        assertTrue(ClassChecks.qualifierValue(DESCRIPTION, new CimValue.StringValue("x"), on).isEmpty());
        ResolutionProblem p = ClassChecks.qualifierValue(DESCRIPTION, CimValue.IntegerValue.uint32(5), on).orElseThrow();
        assertEquals(Kind.QUALIFIER_TYPE_MISMATCH, p.kind());
        assertEquals("qualifier 'Description' is declared string but has a value of type uint32", p.message());
        assertEquals(Kind.QUALIFIER_TYPE_MISMATCH, ClassChecks.qualifierValue(VALUES, new CimValue.StringValue("one"), on)
                .orElseThrow().kind());
    }

    @Test
    void aReferenceNamesTheClassItselfOrOneThatExists() {
        CimName owner = CimName.of("T_Link");
        Set<CimName> existing = Set.of(CimName.of("T_Thing"));
        Element on = Element.property(CimName.of("R"));
        assertTrue(ClassChecks.referenceClass(owner, CimName.of("t_thing"), existing::contains, on).isEmpty());
        assertTrue(ClassChecks.referenceClass(owner, CimName.of("T_LINK"), existing::contains, on).isEmpty());
        ResolutionProblem p = ClassChecks.referenceClass(owner, CimName.of("T_None"), existing::contains, on)
                .orElseThrow();
        assertEquals(Kind.REFERENCE_CLASS_MISSING, p.kind());
        assertEquals("unknown class 'T_None'", p.message());
    }

    @Test
    void aWholeClassIsCheckedElementByElement() {
        CimQualifier wrongType = new CimQualifier(DESCRIPTION.name(), CimValue.IntegerValue.uint32(1),
                QualifierFlavors.DEFAULT, false);
        CimQualifier propagatedKey = new CimQualifier(KEY.name(), CimValue.BooleanValue.TRUE, QualifierFlavors.DEFAULT,
                true);
        CimParameter param = new CimParameter(CimName.of("How"), CimType.STRING, false, null, null,
                List.of(flag("Key")));
        CimClass c = CimClass.builder("T_C").qualifier(flag("Abstract"))
                .property(prop("Id", CimType.STRING, null, flag("Key")))
                .property(prop("Note", CimType.STRING, null, wrongType))
                .property(prop("Odd", CimType.STRING, null, flag("Unheard")))
                .method(new CimMethod(CimName.of("Go"), CimType.UINT32, List.of(param), List.of(propagatedKey), null,
                        false))
                .build();
        List<ResolutionProblem> problems = ClassChecks.qualifiers(c, DECLARED::get);
        assertEquals(List.of(Kind.QUALIFIER_TYPE_MISMATCH, Kind.QUALIFIER_NOT_DECLARED, Kind.QUALIFIER_SCOPE),
                problems.stream().map(ResolutionProblem::kind).toList(), "a propagated qualifier is not re-checked: "
                        + problems);
        assertEquals(Element.parameter(CimName.of("Go"), CimName.of("How")), problems.get(2).element());
        assertEquals("parameter Go.How", Element.parameter(CimName.of("Go"), CimName.of("How")).describe());
    }

    @Test
    void aWholeClassHasItsPropertyAndParameterReferencesChecked() {
        CimName none = CimName.of("T_None");
        CimParameter target = new CimParameter(CimName.of("Target"), CimType.REFERENCE, false, null, none, List.of());
        CimProperty inherited = prop("Old", CimType.REFERENCE, none).withOrigin(CimName.of("T_Base"), true);
        CimClass c = CimClass.builder("T_L").property(prop("Self", CimType.REFERENCE, CimName.of("T_L")))
                .property(prop("Bad", CimType.REFERENCE, none)).property(inherited)
                .method(new CimMethod(CimName.of("Go"), CimType.UINT32, List.of(target), List.of(), null, false))
                .build();
        List<ResolutionProblem> problems = ClassChecks.references(c, n -> false);
        assertEquals(2, problems.size(), problems.toString());
        assertEquals(CimName.of("Bad"), problems.get(0).feature());
        assertEquals(Part.PARAMETER, problems.get(1).part());
        assertEquals(CimName.of("Target"), problems.get(1).parameter());
    }
}
