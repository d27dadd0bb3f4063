package org.cimkit.mof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.cimkit.mof.Token.Kind;
import org.junit.jupiter.api.Test;

class LexerTest {
    private final Diagnostics diag = new Diagnostics();

    private List<Token> lex(String text) {
        Lexer lexer = new Lexer(new SourceText("t.mof", new StringReader(text)), diag);
        List<Token> out = new ArrayList<>();
        Token t;
        do {
            t = lexer.next();
            out.add(t);
        } while (t.kind != Kind.EOF);
        return out;
    }

    private Token one(String text) {
        List<Token> t = lex(text);
        assertEquals(2, t.size(), () -> "tokens of " + text + ": " + t);
        assertFalse(diag.hasErrors(), () -> diag.errors().toString());
        return t.get(0);
    }

    private BigInteger integer(String text) {
        Token t = one(text);
        assertEquals(Kind.INT, t.kind);
        return t.intValue;
    }

    private String str(String text) {
        Token t = one(text);
        assertEquals(Kind.STRING, t.kind);
        return t.text;
    }

    private String firstError(String text) {
        lex(text);
        assertTrue(diag.hasErrors(), "expected an error for " + text);
        return diag.errors().get(0).headline();
    }

    @Test
    void integers() {
        assertEquals(BigInteger.valueOf(42), integer("42"));
        assertEquals(BigInteger.ZERO, integer("0"));
        assertEquals(BigInteger.valueOf(-17), integer("-17"));
        assertEquals(BigInteger.valueOf(17), integer("+17"));
        assertEquals(BigInteger.valueOf(31), integer("0x1F"));
        assertEquals(BigInteger.valueOf(31), integer("0X1f"));
        assertEquals(BigInteger.valueOf(-31), integer("-0x1F"));
        assertEquals(BigInteger.valueOf(15), integer("017"));
        assertEquals(BigInteger.valueOf(5), integer("101b"));
        assertEquals(BigInteger.valueOf(-5), integer("-101B"));
        assertEquals(new BigInteger("18446744073709551615"), integer("18446744073709551615"));
    }

    @Test
    void reals() {
        for (String r : List.of("1.5", "-0.25", ".5", "1.5e3", "2.0E-3", "+3.25e+2")) {
            Token t = one(r);
            assertEquals(Kind.REAL, t.kind, r);
            assertEquals(r, t.text);
        }
    }

    @Test
    void stringsAndEscapes() {
        assertEquals("plain", str("\"plain\""));
        assertEquals("", str("\"\""));
        assertEquals("\b\t\n\f\r\"'\\", str("\"\\b\\t\\n\\f\\r\\\"\\'\\\\\""));
        assertEquals("A", str("\"\\x41\""));
        assertEquals("A", str("\"\\X0041\""));
        assertEquals("\u00e9t", str("\"\\xe9t\""));
        assertEquals(new String(Character.toChars(0x1F600)), str("\"\\x01F600\""));
        assertEquals("// not a comment", str("\"// not a comment\""));
    }

    @Test
    void charLiterals() {
        Token a = one("'a'");
        assertEquals(Kind.CHAR, a.kind);
        assertEquals("a", a.text);
        assertEquals("A", one("'\\x41'").text);
        assertEquals("\n", one("'\\n'").text);
        assertEquals("'", one("'\\''").text);
    }

    @Test
    void identifiersAliasesPragmasPunctuation() {
        List<Token> t = lex("#pragma include class CIM_Foo_2 $my_alias { } [ ] ( ) ; , : =");
        assertFalse(diag.hasErrors());
        assertEquals(List.of(Kind.PRAGMA, Kind.IDENT, Kind.IDENT, Kind.IDENT, Kind.ALIAS, Kind.LBRACE, Kind.RBRACE,
                Kind.LBRACK, Kind.RBRACK, Kind.LPAREN, Kind.RPAREN, Kind.SEMI, Kind.COMMA, Kind.COLON, Kind.EQUALS,
                Kind.EOF), t.stream().map(x -> x.kind).toList());
        assertEquals("CIM_Foo_2", t.get(3).text);
        assertEquals("my_alias", t.get(4).text);
        assertTrue(t.get(2).isKeyword("CLASS"));
    }

    @Test
    void commentsAndPositions() {
        List<Token> t = lex("// line comment\n/* block\n comment */ a\r\n\tb /**/c");
        assertFalse(diag.hasErrors());
        assertEquals(4, t.size());
        assertEquals(3, t.get(0).line);
        assertEquals(13, t.get(0).column);
        assertEquals(4, t.get(1).line);
        assertEquals(2, t.get(1).column);
        assertEquals("c", t.get(2).text);
        assertEquals(8, t.get(2).column);
    }

    @Test
    void errorsCarryPositions() {
        assertEquals("t.mof:2:3: unterminated string", firstError("a\n  \"abc\nb"));
    }

    @Test
    void invalidEscape() {
        assertEquals("t.mof:1:5: invalid escape sequence '\\q'", firstError("x \"a\\q\""));
    }

    @Test
    void emptyHexEscape() {
        assertEquals("t.mof:1:2: escape \\x needs 1 to 6 hex digits", firstError("\"\\xg\""));
    }

    @Test
    void invalidOctal() {
        assertEquals("t.mof:1:1: invalid octal number '089'", firstError("089"));
    }

    @Test
    void realNeedsDigitsAfterDot() {
        assertEquals("t.mof:1:3: invalid real number '1.'", firstError("x 1. y"));
    }

    @Test
    void exponentWithoutDotIsNotAReal() {
        assertEquals("t.mof:1:1: invalid number '1e5'", firstError("1e5"));
    }

    @Test
    void unterminatedComment() {
        assertEquals("t.mof:1:3: unterminated comment", firstError("a /* b"));
    }

    @Test
    void unexpectedCharacter() {
        assertEquals("t.mof:1:3: unexpected character '@'", firstError("a @ b"));
    }

    @Test
    void charLiteralMustHoldOneCharacter() {
        assertEquals("t.mof:1:1: a char16 literal must hold exactly one UCS-2 character", firstError("'ab'"));
    }

    @Test
    void excerptHasCaretUnderColumn() {
        lex("class A {\n\t  @ };");
        MofError e = diag.errors().get(0);
        assertEquals("\t  @ };\n\t  ^", e.excerpt());
        assertEquals("t.mof:2:4: unexpected character '@'\n\t  @ };\n\t  ^", e.format());
    }
}
