package org.cimkit.mof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.cimkit.model.CimType;
import org.cimkit.model.Flavor;
import org.cimkit.model.Scope;
import org.junit.jupiter.api.Test;

class ParserTest extends MofTestSupport {
    private final Diagnostics diag = new Diagnostics();

    private List<Ast.Production> parse(String text) {
        Parser parser = new Parser(new SourceText("p.mof", new StringReader(text)), diag);
        List<Ast.Production> out = new ArrayList<>();
        for (Ast.Production p = parser.next(); p != null; p = parser.next()) {
            out.add(p);
        }
        return out;
    }

    @Test
    void qualifierDeclarationV2AndV3() {
        List<Ast.Production> ps = parse("""
                Qualifier Key : boolean = false, Scope(property, reference), Flavor(DisableOverride, ToSubclass);
                QUALIFIER Sizes : uint8[4] = {1, 2}, SCOPE(any);
                Qualifier V3 : string = "x" Scope(class) Policy(Restricted);
                """);
        assertFalse(diag.hasErrors(), () -> diag.errors().toString());
        Ast.QualifierDecl key = (Ast.QualifierDecl) ps.get(0);
        assertEquals("Key", key.name());
        assertEquals(CimType.BOOLEAN, key.type());
        assertEquals(List.of(Scope.PROPERTY, Scope.REFERENCE), key.scopes());
        assertEquals(List.of(Flavor.DISABLE_OVERRIDE, Flavor.TO_SUBCLASS), key.flavors());
        Ast.QualifierDecl sizes = (Ast.QualifierDecl) ps.get(1);
        assertTrue(sizes.array());
        assertEquals(4, sizes.arraySize());
        assertEquals(2, ((Ast.ArrayV) sizes.defaultValue()).elements().size());
        assertEquals(List.of(Flavor.RESTRICTED), ((Ast.QualifierDecl) ps.get(2)).flavors());
    }

    @Test
    void classWithEverything() {
        List<Ast.Production> ps = parse("""
                [Association, Description("a" "b") : Translatable]
                class A_B : A_Base {
                  [Key] A_X REF Left;
                  uint8 Buf[16];
                  string Names[] = {"x", "y"};
                  [Static] uint32 Go([In, Out] A_X ref Target, string Args[], [In(false)] uint16 Mode);
                  void Stop();
                };
                """);
        assertFalse(diag.hasErrors(), () -> diag.errors().toString());
        Ast.ClassDecl c = (Ast.ClassDecl) ps.get(0);
        assertEquals("A_B", c.name());
        assertEquals("A_Base", c.superclass());
        assertEquals("ab", ((Ast.StrV) c.qualifiers().get(1).value()).value());
        assertEquals(List.of(Flavor.TRANSLATABLE), c.qualifiers().get(1).flavors());
        Ast.PropertyDecl left = (Ast.PropertyDecl) c.features().get(0);
        assertEquals(CimType.REFERENCE, left.type());
        assertEquals("A_X", left.refClass());
        Ast.PropertyDecl buf = (Ast.PropertyDecl) c.features().get(1);
        assertTrue(buf.array());
        assertEquals(16, buf.arraySize());
        Ast.MethodDecl go = (Ast.MethodDecl) c.features().get(3);
        assertEquals(3, go.parameters().size());
        assertEquals(CimType.REFERENCE, go.parameters().get(0).type());
        assertTrue(go.parameters().get(1).array());
        assertNull(((Ast.MethodDecl) c.features().get(4)).returnType());
    }

    @Test
    void instancesAliasesAndEmbeddedValues() {
        List<Ast.Production> ps = parse("""
                #pragma namespace ("root/test")
                instance of A_X as $x { Id = 'c'; Ref = $y; E = instance of A_E { N = 1; }; Arr = {1, NULL, 0x2}; };
                """);
        assertFalse(diag.hasErrors(), () -> diag.errors().toString());
        assertEquals("namespace", ((Ast.Pragma) ps.get(0)).name());
        assertEquals("root/test", ((Ast.Pragma) ps.get(0)).argument());
        Ast.InstanceDecl i = (Ast.InstanceDecl) ps.get(1);
        assertEquals("x", i.alias());
        assertInstanceOf(Ast.CharV.class, i.values().get(0).value());
        assertEquals("y", ((Ast.AliasV) i.values().get(1).value()).alias());
        assertEquals("A_E", ((Ast.InstanceV) i.values().get(2).value()).instance().className());
        assertInstanceOf(Ast.NullV.class, ((Ast.ArrayV) i.values().get(3).value()).elements().get(1));
    }

    @Test
    void keywordsAreCaseInsensitive() {
        parse("CLASS A { STRING s = NULL; BOOLEAN b = TRUE; }; Instance OF A { b = False; };");
        assertFalse(diag.hasErrors(), () -> diag.errors().toString());
    }

    @Test
    void syntaxErrorMessageAndPosition() {
        assertEquals("test.mof:2:15: expected ';' but found '}'",
                firstError("class A {\n  string Name }\n;"));
    }

    @Test
    void unknownDataType() {
        assertEquals("test.mof:1:11: unknown data type 'strng'", firstError("class A { strng Name; };"));
    }

    @Test
    void parserRecoversAndReportsLaterErrors() {
        MofException e = failure("""
                class A { string Name };
                class B { uint32 X = ; };
                class C { string Ok; };
                instance of Nope { };
                """);
        assertEquals(List.of(
                "test.mof:1:23: expected ';' but found '}'",
                "test.mof:2:22: expected a value but found ';'",
                "test.mof:4:13: unknown class 'Nope'"),
                e.errors().stream().map(MofError::headline).toList());
    }

    @Test
    void messageListsEveryErrorWithExcerpt() {
        MofException e = failure("class A : Nope {\n};\nclass B : Nope2 { };");
        assertEquals("""
                test.mof:1:11: unknown superclass 'Nope'
                class A : Nope {
                          ^
                test.mof:3:11: unknown superclass 'Nope2'
                class B : Nope2 { };
                          ^""", e.getMessage());
    }
}
