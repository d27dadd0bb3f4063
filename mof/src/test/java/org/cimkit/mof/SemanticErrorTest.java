package org.cimkit.mof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every semantic error class, with its exact first line. */
class SemanticErrorTest extends MofTestSupport {

    @Test
    void unknownSuperclass() {
        assertEquals("test.mof:2:11: unknown superclass 'CIM_Nope'",
                firstError("class A { };\nclass B : CIM_Nope { };"));
    }

    @Test
    void unknownQualifier() {
        assertEquals("test.mof:2:5: unknown qualifier 'Frobnicate'",
                firstError("class A {\n  [ Frobnicate ] string Name;\n};"));
    }

    @Test
    void qualifierOutsideItsScope() {
        assertEquals("test.mof:1:2: qualifier 'Key' cannot be used on a class (scope: property, reference)",
                firstError("[Key] class A { };"));
        assertEquals("test.mof:1:12: qualifier 'Max' cannot be used on a property (scope: reference)",
                firstError("class A { [Max(1)] string Name; };"));
        assertEquals("test.mof:1:2: qualifier 'Association' cannot be used on a class (scope: association)",
                firstError("[Association(false)] class A { };"));
        assertEquals("test.mof:1:18: qualifier 'In' cannot be used on a method (scope: parameter)",
                firstError("class A {       [In] uint32 M(); };"));
    }

    @Test
    void overrideOfNonExistentProperty() {
        assertEquals("test.mof:3:4: Override(\"Nmae\"): superclass A has no property 'Nmae'",
                firstError("class A { string Name; };\nclass B : A {\n  [Override(\"Nmae\")] string Name;\n};"));
    }

    @Test
    void overrideOfNonExistentMethod() {
        assertEquals("test.mof:1:43: Override(\"Stop\"): superclass A has no method 'Stop'",
                firstError("class A { uint32 Go(); }; class B : A {  [Override(\"Stop\")] uint32 Go(); };"));
    }

    @Test
    void overrideWithoutSuperclass() {
        assertEquals("test.mof:1:12: Override(\"Name\") but class has no superclass",
                firstError("class A { [Override(\"Name\")] string Name; };"));
    }

    @Test
    void duplicateClass() {
        assertEquals("test.mof:2:7: duplicate class 'a'", firstError("class A { };\nclass a { };"));
    }

    @Test
    void duplicateProperty() {
        assertEquals("test.mof:1:31: duplicate property 'NAME' in class A",
                firstError("class A { string Name; uint32 NAME; };"));
    }

    @Test
    void duplicateMethod() {
        assertEquals("test.mof:1:31: duplicate method 'go' in class A",
                firstError("class A { uint32 Go(); uint32 go(); };"));
    }

    @Test
    void duplicateParameter() {
        assertEquals("test.mof:1:37: duplicate parameter 'x' in method Go",
                firstError("class A { uint32 Go(string X, uint8 x); };"));
    }

    @Test
    void duplicateQualifierOnOneElement() {
        assertEquals("test.mof:1:30: duplicate qualifier 'description' on property Name",
                firstError("class A { [Description(\"a\"), description(\"b\")] string Name; };"));
    }

    @Test
    void duplicateQualifierDeclaration() {
        assertEquals("test.mof:2:11: duplicate qualifier declaration 'Foo'",
                firstError("Qualifier Foo : string, Scope(any);\nQualifier Foo : string, Scope(any);"));
    }

    @Test
    void redeclaringAnEarlierQualifierIdenticallyIsAccepted() throws MofException {
        MofCompiler c = compiler().compileString("again.mof",
                "Qualifier Key : boolean = false, Scope(property, reference), Flavor(DisableOverride, ToSubclass);");
        assertEquals(19, c.result().namespace("root/cimv2").qualifierTypes().size());
    }

    @Test
    void redeclaringAnEarlierQualifierDifferentlyIsAnError() {
        assertEquals("test.mof:1:11: duplicate qualifier declaration 'Key'",
                firstError("Qualifier Key : boolean = true, Scope(property);"));
    }

    @Test
    void duplicateAlias() {
        assertEquals("test.mof:3:18: duplicate alias '$A'",
                firstError("class A { [Key] string Id; };\ninstance of A as $a { Id = \"1\"; };\ninstance of A as $A { Id = \"2\"; };"));
    }

    @Test
    void defaultValueOfTheWrongType() {
        assertEquals("test.mof:1:25: default value of property 'Count': expected uint8 but found a string",
                firstError("class A { uint8 Count = \"many\"; };"));
        assertEquals("test.mof:1:25: default value of property 'Count': 300 is out of range for uint8 (0..255)",
                firstError("class A { uint8 Count = 300; };"));
        assertEquals("test.mof:1:29: default value of property 'Flags': expected boolean[] but found a boolean",
                firstError("class A { boolean Flags[] = true; };"));
        assertEquals("test.mof:1:26: default value of qualifier 'Foo': expected uint32 but found a string",
                firstError("Qualifier Foo : uint32 = \"x\", Scope(any);"));
    }

    @Test
    void qualifierValueOfTheWrongType() {
        assertEquals("test.mof:1:19: value of qualifier 'MaxLen': -1 is out of range for uint32 (0..4294967295)",
                firstError("class A { [MaxLen(-1)] string Name; };"));
    }

    @Test
    void badDatetimeDefault() {
        String e = firstError("class A { datetime When = \"yesterday\"; };");
        assertEquals("test.mof:1:27: default value of property 'When': ", e.substring(0, e.indexOf(": ", 15) + 2));
    }

    @Test
    void missingKeyValue() {
        assertEquals("test.mof:2:1: missing value for key property 'Id' in instance of A",
                firstError("class A { [Key] string Id; string Name; };\ninstance of A { Name = \"x\"; };"));
    }

    @Test
    void nullKeyValue() {
        assertEquals("test.mof:2:1: key property 'Id' of instance of A must not be NULL",
                firstError("class A { [Key] string Id; };\ninstance of A { Id = NULL; };"));
    }

    @Test
    void instanceOfAbstractClass() {
        assertEquals("test.mof:2:13: cannot create an instance of abstract class 'A'",
                firstError("[Abstract] class A { string Name; };\ninstance of A { Name = \"x\"; };"));
    }

    @Test
    void unknownInstanceClass() {
        assertEquals("test.mof:1:13: unknown class 'Nope'", firstError("instance of Nope { };"));
    }

    @Test
    void unknownPropertyInInstance() {
        assertEquals("test.mof:2:27: unknown property 'Nmae' in class A",
                firstError("class A { [Key] string Id; };\ninstance of A { Id = \"1\"; Nmae = \"x\"; };"));
    }

    @Test
    void referenceToUnknownClass() {
        assertEquals("test.mof:1:31: unknown class 'CIM_Nope'",
                firstError("[Association] class A { [Key] CIM_Nope REF X; };"));
        assertEquals("test.mof:1:21: unknown class 'CIM_Nope'",
                firstError("class A { uint32 Go(CIM_Nope REF X); };"));
    }

    @Test
    void referenceToUnknownAlias() {
        assertEquals("test.mof:3:31: value of property 'R': unknown alias '$nope'",
                firstError("class X { [Key] string Id; };\n[Association] class A { [Key] X REF R; };\ninstance of A {           R = $nope; };"));
    }

    @Test
    void referenceInNonAssociation() {
        assertEquals("test.mof:2:17: reference property 'Other' in class B, which is not an association",
                firstError("class A { };\nclass B { A REF Other; };"));
    }

    @Test
    void nonReferenceKeysInAssociationsAreAllowed() {
        // DMTF 2.41 has associations with non-reference keys (e.g. InstanceID in a subclass chain); not an error.
        cimv2("class A { }; [Association] class L { [Key] A REF X; [Key] string Extra; };");
    }

    @Test
    void changingADisableOverrideQualifier() {
        assertEquals("test.mof:3:4: qualifier 'Key' has flavor DisableOverride and cannot be changed on property Id",
                firstError("class A { [Key] string Id; };\nclass B : A {\n  [Key(false), Override(\"Id\")] string Id;\n};"));
    }

    @Test
    void changingADisableOverrideParameterQualifierOfAnOverriddenMethod() {
        assertEquals("test.mof:2:41: qualifier 'In' has flavor DisableOverride and cannot be changed on parameter P",
                firstError("class A { uint32 M([In] string P); };\n"
                        + "class B : A { [Override(\"M\")] uint32 M([In(false)] string P); };"));
    }

    @Test
    void aStringDefaultOnAnEmbeddedInstanceProperty() {
        assertEquals("test.mof:1:46: default value of property 'P' is a string, but the property holds embedded"
                + " instances", firstError("class A { [EmbeddedInstance(\"A\")] string P = \"x\"; };"));
    }

    @Test
    void theErrorsOfOneClassAreInSourceOrder() {
        MofException e = failure("class A { [Key] string Id; };\n"
                + "class B : A { [Key(false)] string Id; [Nope] string X; [Override(\"Q\")] string Q; };");
        assertEquals(List.of("test.mof:2:16: qualifier 'Key' has flavor DisableOverride and cannot be changed on property Id",
                "test.mof:2:40: unknown qualifier 'Nope'",
                "test.mof:2:57: Override(\"Q\"): superclass A has no property 'Q'"),
                e.errors().stream().map(MofError::headline).toList());
    }

    @Test
    void changingADisableOverrideClassQualifier() {
        assertEquals("test.mof:2:2: qualifier 'Association' has flavor DisableOverride and cannot be changed on class B",
                firstError("[Association] class A { };\n[Association(false)] class B : A { };"));
    }

    @Test
    void overridingWithAnotherType() {
        assertEquals("test.mof:2:49: property 'Id' is uint32 but overrides a property of type string",
                firstError("class A { string Id; };\nclass B : A { [Override(\"Id\")]           uint32 Id; };"));
    }

    @Test
    void contradictoryFlavors() {
        assertEquals("test.mof:1:11: EnableOverride and DisableOverride contradict each other",
                firstError("Qualifier Q : string, Scope(any), Flavor(EnableOverride, DisableOverride);"));
    }

    @Test
    void aliasInAClassDefault() {
        assertEquals("test.mof:1:47: default value of property 'R': an alias is only allowed as an instance property value",
                firstError("class X { }; [Association] class A {X REF R = $x; };"));
    }

    @Test
    void circularInclude(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("a.mof"), "#pragma include (\"b.mof\")\n");
        java.nio.file.Files.writeString(dir.resolve("b.mof"), "class B { };\n#pragma include (\"a.mof\")\n");
        MofException e = assertThrows(MofException.class, () -> compiler().compileFile(dir.resolve("a.mof")));
        assertEquals(dir.resolve("b.mof") + ":2:18: circular include of 'a.mof'", e.first().headline());
    }

    @Test
    void missingInclude() {
        assertEquals("test.mof:1:18: cannot read included file 'no/such/file.mof'",
                firstError("#pragma include (\"no/such/file.mof\")"));
    }

    @Test
    void errorsOfAllKindsAreCollected() {
        MofException e = failure("""
                class A : Nope { };
                class B { [Nope] string X; uint8 Y = 256; };
                instance of Q { };
                """);
        assertEquals(4, e.errors().size(), e.getMessage());
    }

    @Test
    void failedCompileChangesNothing() throws MofException {
        MofCompiler c = compiler();
        try {
            c.compileString("bad.mof", "class Good { }; class Bad : Nope { };");
        } catch (MofException expected) {
            // fine
        }
        c.compileString("ok.mof", "class Good { };");
        assertEquals(1, c.result().namespace("root/cimv2").classes().size());
    }
}
