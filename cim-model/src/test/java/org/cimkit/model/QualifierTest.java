package org.cimkit.model;

import static org.junit.jupiter.api.Assertions.*;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.cimkit.model.CimValue.ArrayValue;
import org.cimkit.model.CimValue.BooleanValue;
import org.cimkit.model.CimValue.IntegerValue;
import org.cimkit.model.CimValue.NullValue;
import org.cimkit.model.CimValue.StringValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class QualifierTest {

    @Test
    void defaultFlavors() {
        QualifierFlavors d = QualifierFlavors.DEFAULT;
        assertTrue(d.overridable());
        assertTrue(d.toSubclass());
        assertFalse(d.toInstance());
        assertFalse(d.translatable());
        assertEquals(d, d.with(List.of()));
        assertEquals(d, d.with(List.of(Flavor.ENABLE_OVERRIDE, Flavor.TO_SUBCLASS)));
    }

    @Test
    void flavorsApplied() {
        QualifierFlavors f = QualifierFlavors.DEFAULT.with(List.of(Flavor.DISABLE_OVERRIDE, Flavor.RESTRICTED,
                Flavor.TRANSLATABLE, Flavor.TO_INSTANCE));
        assertEquals(new QualifierFlavors(false, false, true, true), f);
        assertEquals(new QualifierFlavors(true, true, true, true),
                f.with(List.of(Flavor.ENABLE_OVERRIDE, Flavor.TO_SUBCLASS)));
        assertEquals(new QualifierFlavors(false, true, false, false),
                QualifierFlavors.DEFAULT.with(Set.of(Flavor.DISABLE_OVERRIDE)));
    }

    @Test
    void contradictionsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> QualifierFlavors.DEFAULT.with(List.of(Flavor.ENABLE_OVERRIDE, Flavor.DISABLE_OVERRIDE)));
        assertThrows(IllegalArgumentException.class,
                () -> QualifierFlavors.DEFAULT.with(List.of(Flavor.RESTRICTED, Flavor.TO_SUBCLASS)));
        assertThrows(IllegalArgumentException.class,
                () -> QualifierFlavors.DEFAULT.with(EnumSet.of(Flavor.TO_SUBCLASS, Flavor.RESTRICTED, Flavor.TRANSLATABLE)));
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void flavorMofNames(Flavor f) {
        assertSame(f, Flavor.of(f.mofName()));
        assertSame(f, Flavor.of(" " + f.mofName().toLowerCase() + " "));
    }

    @Test
    void unknownFlavorAndScopeRefused() {
        assertThrows(IllegalArgumentException.class, () -> Flavor.of("Override"));
        assertThrows(IllegalArgumentException.class, () -> Scope.of("instance"));
        assertEquals(Scope.ASSOCIATION, Scope.of(" Association "));
        assertEquals("association", Scope.ASSOCIATION.mofName());
    }

    @Test
    void inheritedFollowsToSubclass() {
        CimQualifier q = CimQualifier.of("Description", new StringValue("d"));
        CimQualifier inherited = q.inherited();
        assertNotNull(inherited);
        assertTrue(inherited.propagated());
        assertFalse(q.propagated());
        assertEquals(q.name(), inherited.name());
        assertEquals(q.value(), inherited.value());
        assertEquals(q.flavors(), inherited.flavors());

        CimQualifier restricted = new CimQualifier(CimName.of("Abstract"), BooleanValue.TRUE,
                QualifierFlavors.DEFAULT.with(List.of(Flavor.RESTRICTED)), false);
        assertNull(restricted.inherited());
    }

    @Test
    void checkOverride() {
        QualifierFlavors disable = QualifierFlavors.DEFAULT.with(List.of(Flavor.DISABLE_OVERRIDE));
        CimQualifier fixed = new CimQualifier(CimName.of("Key"), BooleanValue.TRUE, disable, false);
        fixed.checkOverride(CimQualifier.flag("KEY"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fixed.checkOverride(CimQualifier.of("Key", BooleanValue.FALSE)));
        assertTrue(e.getMessage().contains("DisableOverride"), e.getMessage());

        CimQualifier free = CimQualifier.of("MaxLen", IntegerValue.uint32(10));
        free.checkOverride(CimQualifier.of("MaxLen", IntegerValue.uint32(20)));
    }

    @Test
    void qualifierValues() {
        assertTrue(CimQualifier.flag("Key").isTrue());
        assertFalse(CimQualifier.of("Key", BooleanValue.FALSE).isTrue());
        assertFalse(CimQualifier.of("Key", NullValue.of(CimType.BOOLEAN)).isTrue());
        assertFalse(CimQualifier.of("Description", new StringValue("TRUE")).isTrue());
        assertEquals(QualifierFlavors.DEFAULT, CimQualifier.flag("Key").flavors());
        assertThrows(IllegalArgumentException.class, () -> CimQualifier.of("Q",
                new CimValue.ReferenceValue(CimObjectPath.parse("C.k=1"))));
        assertThrows(IllegalArgumentException.class, () -> CimQualifier.of("Q",
                CimValue.EmbeddedValue.instance(CimInstance.builder("C").build())));
        assertThrows(NullPointerException.class, () -> CimQualifier.of("Q", null));
        assertThrows(IllegalArgumentException.class, () -> CimQualifier.flag("bad name"));
        assertEquals(CimQualifier.flag("Key"), CimQualifier.flag("KEY"));
    }

    @Test
    void qualifiedLookups() {
        CimProperty p = CimProperty.of("P", new StringValue("x"))
                .withQualifiers(List.of(CimQualifier.flag("Key"), CimQualifier.of("Description", new StringValue("text")),
                        CimQualifier.of("Abstract", BooleanValue.FALSE)));
        assertTrue(p.hasFlag("key"));
        assertFalse(p.hasFlag("Abstract"));
        assertFalse(p.hasFlag("Missing"));
        assertEquals("text", p.stringQualifier("DESCRIPTION"));
        assertNull(p.stringQualifier("Key"));
        assertNull(p.stringQualifier("Missing"));
        assertNotNull(p.qualifier("description"));
        assertNull(p.qualifier("nope"));
    }

    // ---- qualifier types ----

    private static CimQualifierType type(CimType t, boolean array, CimValue def, Set<Scope> scopes) {
        return new CimQualifierType(CimName.of("Q"), t, array, null, def, scopes, QualifierFlavors.DEFAULT);
    }

    @Test
    void qualifierTypeDefaultValueChecked() {
        assertEquals(BooleanValue.FALSE, type(CimType.BOOLEAN, false, BooleanValue.FALSE, Set.of(Scope.ANY)).defaultValue());
        assertEquals(new NullValue(CimType.STRING, false), type(CimType.STRING, false, null, Set.of()).defaultValue());
        assertEquals(new NullValue(CimType.STRING, true), type(CimType.STRING, true, null, Set.of()).defaultValue());
        type(CimType.STRING, true, ArrayValue.of(CimType.STRING, new StringValue("a")), Set.of());
        assertThrows(IllegalArgumentException.class, () -> type(CimType.BOOLEAN, false, new StringValue("true"), Set.of()));
        assertThrows(IllegalArgumentException.class, () -> type(CimType.UINT32, false, IntegerValue.uint8(1), Set.of()));
        assertThrows(IllegalArgumentException.class,
                () -> type(CimType.STRING, false, ArrayValue.of(CimType.STRING, new StringValue("a")), Set.of()));
        assertThrows(IllegalArgumentException.class, () -> type(CimType.STRING, true, new StringValue("a"), Set.of()));
        assertThrows(IllegalArgumentException.class, () -> type(CimType.REFERENCE, false, null, Set.of()));
        assertThrows(IllegalArgumentException.class, () -> type(CimType.OBJECT, false, null, Set.of()));
        assertThrows(NullPointerException.class, () -> new CimQualifierType(CimName.of("Q"), CimType.BOOLEAN, false, null,
                null, Set.of(), null));
    }

    @ParameterizedTest
    @EnumSource(Scope.class)
    void anyAppliesEverywhere(Scope s) {
        assertTrue(type(CimType.BOOLEAN, false, null, Set.of(Scope.ANY)).appliesTo(s));
        assertFalse(type(CimType.BOOLEAN, false, null, Set.of()).appliesTo(s));
    }

    @Test
    void classScopeImpliesAssociationAndIndication() {
        CimQualifierType onClass = type(CimType.BOOLEAN, false, null, EnumSet.of(Scope.CLASS));
        assertTrue(onClass.appliesTo(Scope.CLASS));
        assertTrue(onClass.appliesTo(Scope.ASSOCIATION));
        assertTrue(onClass.appliesTo(Scope.INDICATION));
        assertFalse(onClass.appliesTo(Scope.PROPERTY));
        assertFalse(onClass.appliesTo(Scope.METHOD));

        CimQualifierType onAssoc = type(CimType.BOOLEAN, false, null, EnumSet.of(Scope.ASSOCIATION));
        assertTrue(onAssoc.appliesTo(Scope.ASSOCIATION));
        assertFalse(onAssoc.appliesTo(Scope.CLASS));

        CimQualifierType onProp = type(CimType.BOOLEAN, false, null, EnumSet.of(Scope.PROPERTY, Scope.REFERENCE));
        assertTrue(onProp.appliesTo(Scope.PROPERTY));
        assertTrue(onProp.appliesTo(Scope.REFERENCE));
        assertFalse(onProp.appliesTo(Scope.PARAMETER));
    }

    @Test
    void scopesCopiedAndUnmodifiable() {
        Set<Scope> scopes = EnumSet.of(Scope.CLASS);
        CimQualifierType t = type(CimType.BOOLEAN, false, null, scopes);
        scopes.add(Scope.PROPERTY);
        assertFalse(t.appliesTo(Scope.PROPERTY));
        assertThrows(UnsupportedOperationException.class, () -> t.scopes().add(Scope.METHOD));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Key", "key", "KEY"})
    void duplicateQualifiersRefusedIgnoringCase(String second) {
        assertThrows(IllegalArgumentException.class, () -> CimProperty.of("P", new StringValue("x"))
                .withQualifiers(List.of(CimQualifier.flag("Key"), CimQualifier.flag(second))));
    }

    @Test
    void qualifierTypeArraySizeNeedsAnArray() {
        assertEquals(3, new CimQualifierType(CimName.of("Q"), CimType.STRING, true, 3, null, Set.of(Scope.ANY),
                QualifierFlavors.DEFAULT).arraySize());
        assertThrows(IllegalArgumentException.class, () -> new CimQualifierType(CimName.of("Q"), CimType.STRING, false, 3,
                null, Set.of(Scope.ANY), QualifierFlavors.DEFAULT));
        assertThrows(IllegalArgumentException.class, () -> new CimQualifierType(CimName.of("Q"), CimType.STRING, true, -1,
                null, Set.of(Scope.ANY), QualifierFlavors.DEFAULT));
    }
}
