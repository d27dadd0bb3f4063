package org.cimkit.mof;

import java.util.ArrayList;
import java.util.List;
import org.cimkit.model.CimType;
import org.cimkit.model.Flavor;
import org.cimkit.model.Scope;
import org.cimkit.mof.Token.Kind;

/**
 * Recursive-descent MOF parser, one production at a time over tokens the lexer makes on demand
 * (it looks at most one token past the current one). A syntax error is reported and the parser
 * skips to the start of the next production, so later errors in the same file are still found.
 */
final class Parser {
    private static final class SyntaxError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SyntaxError() {
            super(null, null, false, false);
        }
    }

    private final SourceText text;
    private final Lexer lexer;
    private final Diagnostics diag;
    private Token current;   // null until the first production is asked for
    private Token following; // the token after current once peek(1) lexed it, else null
    private Token previous;  // the token advance() last moved past
    private int consumed;    // tokens consumed since the production started
    private int depth;       // braces opened minus closed since the production started

    Parser(SourceText text, Diagnostics diag) {
        this.text = text;
        this.lexer = new Lexer(text, diag);
        this.diag = diag;
    }

    /** The lexer, for positions of problems found while reading the text. */
    Lexer lexer() {
        return lexer;
    }

    /**
     * The next production, null at the end of the text. The text before it is released: whoever
     * needs the excerpts of an earlier production later must have {@linkplain SourceText#keep kept} them.
     */
    Ast.Production next() {
        if (current == null) {
            current = lexer.next();
        }
        while (peek().kind != Kind.EOF) {
            text.release(peek().offset, peek().column);
            consumed = 0;
            depth = 0;
            try {
                return production();
            } catch (SyntaxError e) {
                recover();
            }
        }
        return null;
    }

    /** Offset of the last token of the production {@link #next} returned last. */
    long endOfProduction() {
        return previous.offset;
    }

    // ---------------------------------------------------------------- helpers

    private Token peek() {
        return current;
    }

    private Token peek(int ahead) {
        if (ahead == 0 || current.kind == Kind.EOF) {
            return current;
        }
        if (ahead != 1) {
            throw new IllegalArgumentException("the parser looks at most one token ahead");
        }
        if (following == null) {
            following = lexer.next();
        }
        return following;
    }

    private Token advance() {
        Token t = current;
        if (t.kind != Kind.EOF) {
            current = following != null ? following : lexer.next();
            following = null;
            previous = t;
            consumed++;
            depth += t.kind == Kind.LBRACE ? 1 : t.kind == Kind.RBRACE ? -1 : 0;
        }
        return t;
    }

    private boolean accept(Kind k) {
        if (peek().kind == k) {
            advance();
            return true;
        }
        return false;
    }

    private Ast.Pos pos(Token t) {
        return Ast.Pos.of(text, t);
    }

    private SyntaxError fail(Token at, String message) {
        diag.error(text, at.offset, at.line, at.column, message);
        return new SyntaxError();
    }

    private Token expect(Kind k, String what) {
        Token t = peek();
        if (t.kind != k) {
            throw fail(t, "expected " + what + " but found " + t.describe());
        }
        return advance();
    }

    private Token expectIdent(String what) {
        return expect(Kind.IDENT, what);
    }

    private Token expectKeyword(String keyword) {
        Token t = peek();
        if (!t.isKeyword(keyword)) {
            throw fail(t, "expected '" + keyword + "' but found " + t.describe());
        }
        return advance();
    }

    // ---------------------------------------------------------------- productions

    /**
     * Skips to just after a ';' that ends a production (brace depth back to zero), before a
     * production start. Skipped text is released as it goes: its errors are already reported.
     */
    private void recover() {
        if (consumed == 0) {
            advance();
        }
        while (peek().kind != Kind.EOF) {
            Token t = advance();
            text.release(peek().offset, peek().column);
            if (t.kind == Kind.SEMI && depth <= 0 && startsProduction(peek())) {
                return;
            }
        }
    }

    private static boolean startsProduction(Token t) {
        return t.kind == Kind.EOF || t.kind == Kind.PRAGMA || t.kind == Kind.LBRACK || t.isKeyword("class")
                || t.isKeyword("instance") || t.isKeyword("qualifier") || t.isKeyword("association")
                || t.isKeyword("indication");
    }

    private Ast.Production production() {
        Token t = peek();
        if (t.kind == Kind.PRAGMA) {
            return pragma();
        }
        if (t.isKeyword("qualifier")) {
            return qualifierDecl();
        }
        List<Ast.QualifierUse> quals = t.kind == Kind.LBRACK ? qualifierList() : List.of();
        Token k = peek();
        if (k.isKeyword("class") || k.isKeyword("association") || k.isKeyword("indication")) {
            return classDecl(quals, t);
        }
        if (k.isKeyword("instance")) {
            Ast.InstanceDecl d = instance(quals, t);
            expect(Kind.SEMI, "';'");
            return d;
        }
        throw fail(k, "expected 'class', 'instance', 'qualifier' or '#pragma' but found " + k.describe());
    }

    private Ast.Pragma pragma() {
        Token start = advance();
        Token name = expectIdent("a pragma name");
        expect(Kind.LPAREN, "'('");
        Token arg = peek();
        String value = stringLiterals("a string");
        expect(Kind.RPAREN, "')'");
        return new Ast.Pragma(pos(start), name.text, pos(arg), value);
    }

    /** One or more adjacent string literals, concatenated. */
    private String stringLiterals(String what) {
        Token first = expect(Kind.STRING, what);
        if (peek().kind != Kind.STRING) {
            return first.text;
        }
        StringBuilder sb = new StringBuilder(first.text);
        while (peek().kind == Kind.STRING) {
            sb.append(advance().text);
        }
        return sb.toString();
    }

    private Ast.QualifierDecl qualifierDecl() {
        Token start = advance();
        Token name = expectIdent("a qualifier name");
        expect(Kind.COLON, "':'");
        Token typeTok = expectIdent("a data type");
        CimType type = intrinsicType(typeTok);
        if (type == null) {
            throw fail(typeTok, "unknown qualifier type " + typeTok.describe());
        }
        boolean array = false;
        Integer size = null;
        if (accept(Kind.LBRACK)) {
            array = true;
            size = optionalArraySize();
            expect(Kind.RBRACK, "']'");
        }
        Ast.Value def = null;
        if (accept(Kind.EQUALS)) {
            def = value();
        }
        List<Scope> scopes = new ArrayList<>();
        List<Flavor> flavors = new ArrayList<>();
        accept(Kind.COMMA);
        Token scopeTok = expectKeyword("scope");
        expect(Kind.LPAREN, "'('");
        do {
            Token s = expectIdent("a scope");
            try {
                scopes.add(Scope.of(s.text));
            } catch (IllegalArgumentException e) {
                throw fail(s, "unknown scope " + s.describe());
            }
        } while (accept(Kind.COMMA));
        expect(Kind.RPAREN, "')'");
        accept(Kind.COMMA);
        if (peek().isKeyword("flavor") || peek().isKeyword("policy")) {
            advance();
            expect(Kind.LPAREN, "'('");
            do {
                flavors.add(flavor(expectIdent("a flavor")));
            } while (accept(Kind.COMMA));
            expect(Kind.RPAREN, "')'");
        }
        expect(Kind.SEMI, "';'");
        if (scopes.isEmpty()) {
            throw fail(scopeTok, "a qualifier declaration needs a scope");
        }
        return new Ast.QualifierDecl(pos(start), pos(name), name.text, type, array, size, def, scopes, flavors);
    }

    private Flavor flavor(Token t) {
        try {
            return Flavor.of(t.text);
        } catch (IllegalArgumentException e) {
            throw fail(t, "unknown flavor " + t.describe());
        }
    }

    private static boolean isFlavorName(Token t) {
        if (t.kind != Kind.IDENT) {
            return false;
        }
        for (Flavor f : Flavor.values()) {
            if (f.mofName().equalsIgnoreCase(t.text)) {
                return true;
            }
        }
        return false;
    }

    /** A type name usable in MOF: the fourteen intrinsic types (not reference or the embedded kinds). */
    static CimType intrinsicType(Token t) {
        if (t.kind != Kind.IDENT) {
            return null;
        }
        CimType type = CimType.lookup(t.text);
        return type == null || type == CimType.REFERENCE || type.isEmbedded() ? null : type;
    }

    private Integer optionalArraySize() {
        Token t = peek();
        if (t.kind == Kind.INT) {
            advance();
            if (t.intValue.signum() < 0 || t.intValue.bitLength() > 31) {
                throw fail(t, "invalid array size " + t.text);
            }
            return t.intValue.intValue();
        }
        return null;
    }

    private List<Ast.QualifierUse> qualifierList() {
        expect(Kind.LBRACK, "'['");
        List<Ast.QualifierUse> out = new ArrayList<>();
        do {
            Token name = expectIdent("a qualifier name");
            Ast.Value v = null;
            if (accept(Kind.LPAREN)) {
                v = value();
                expect(Kind.RPAREN, "')'");
            } else if (peek().kind == Kind.LBRACE) {
                v = value();
            }
            List<Flavor> flavors = List.of();
            if (peek().kind == Kind.COLON) {
                advance();
                flavors = new ArrayList<>();
                flavors.add(flavor(expectIdent("a flavor")));
                while (isFlavorName(peek())) {
                    flavors.add(flavor(advance()));
                }
            }
            out.add(new Ast.QualifierUse(pos(name), name.text, v, flavors));
        } while (accept(Kind.COMMA));
        expect(Kind.RBRACK, "']'");
        return out;
    }

    private Ast.ClassDecl classDecl(List<Ast.QualifierUse> quals, Token start) {
        Token kw = advance();
        Token name = expectIdent("a class name");
        Token sup = null;
        if (accept(Kind.COLON)) {
            sup = expectIdent("a superclass name");
        }
        expect(Kind.LBRACE, "'{'");
        List<Ast.Feature> features = new ArrayList<>();
        while (peek().kind != Kind.RBRACE) {
            if (peek().kind == Kind.EOF) {
                throw fail(peek(), "expected '}' but found end of file");
            }
            features.add(feature());
        }
        advance();
        expect(Kind.SEMI, "';'");
        return new Ast.ClassDecl(pos(start), quals, kw.text.toLowerCase(java.util.Locale.ROOT), pos(name), name.text,
                sup == null ? null : pos(sup), sup == null ? null : sup.text, features);
    }

    private Ast.Feature feature() {
        List<Ast.QualifierUse> quals = peek().kind == Kind.LBRACK ? qualifierList() : List.of();
        Token typeTok = expectIdent("a data type");
        CimType type;
        String refClass = null;
        if (peek().isKeyword("ref")) {
            advance();
            type = CimType.REFERENCE;
            refClass = typeTok.text;
        } else if (typeTok.isKeyword("void") && peek().kind == Kind.IDENT && peek(1).kind == Kind.LPAREN) {
            type = null;
        } else {
            type = intrinsicType(typeTok);
            if (type == null) {
                throw fail(typeTok, "unknown data type " + typeTok.describe());
            }
        }
        Token name = expectIdent("a property or method name");
        if (peek().kind == Kind.LPAREN) {
            if (refClass != null) {
                throw fail(typeTok, "a method cannot return a reference");
            }
            advance();
            List<Ast.ParamDecl> params = new ArrayList<>();
            if (peek().kind != Kind.RPAREN) {
                do {
                    params.add(parameter());
                } while (accept(Kind.COMMA));
            }
            expect(Kind.RPAREN, "')'");
            expect(Kind.SEMI, "';'");
            return new Ast.MethodDecl(quals, pos(typeTok), type, pos(name), name.text, params);
        }
        if (type == null) {
            throw fail(typeTok, "only methods can be void");
        }
        boolean array = false;
        Integer size = null;
        if (accept(Kind.LBRACK)) {
            array = true;
            size = optionalArraySize();
            expect(Kind.RBRACK, "']'");
        }
        Ast.Value def = null;
        if (accept(Kind.EQUALS)) {
            def = value();
        }
        expect(Kind.SEMI, "';'");
        return new Ast.PropertyDecl(quals, pos(typeTok), type, refClass, pos(name), name.text, array, size, def);
    }

    private Ast.ParamDecl parameter() {
        List<Ast.QualifierUse> quals = peek().kind == Kind.LBRACK ? qualifierList() : List.of();
        Token typeTok = expectIdent("a parameter type");
        CimType type;
        String refClass = null;
        if (peek().isKeyword("ref")) {
            advance();
            type = CimType.REFERENCE;
            refClass = typeTok.text;
        } else {
            type = intrinsicType(typeTok);
            if (type == null) {
                throw fail(typeTok, "unknown data type " + typeTok.describe());
            }
        }
        Token name = expectIdent("a parameter name");
        boolean array = false;
        Integer size = null;
        if (accept(Kind.LBRACK)) {
            array = true;
            size = optionalArraySize();
            expect(Kind.RBRACK, "']'");
        }
        if (accept(Kind.EQUALS)) {
            value(); // v3 default parameter values: accepted, not kept
        }
        return new Ast.ParamDecl(quals, pos(typeTok), type, refClass, pos(name), name.text, array, size);
    }

    /** {@code instance of Class [as $alias] { Prop = value; ... }} without the trailing ';'. */
    private Ast.InstanceDecl instance(List<Ast.QualifierUse> quals, Token start) {
        expectKeyword("instance");
        expectKeyword("of");
        Token cls = expectIdent("a class name");
        Token alias = null;
        if (peek().isKeyword("as")) {
            advance();
            alias = expect(Kind.ALIAS, "an alias ($name)");
        }
        expect(Kind.LBRACE, "'{'");
        List<Ast.PropertyValue> values = new ArrayList<>();
        while (peek().kind != Kind.RBRACE) {
            if (peek().kind == Kind.LBRACK) {
                qualifierList(); // v2 allows qualifiers on instance property values; they are not kept
            }
            Token name = expectIdent("a property name");
            expect(Kind.EQUALS, "'='");
            Ast.Value v = value();
            expect(Kind.SEMI, "';'");
            values.add(new Ast.PropertyValue(pos(name), name.text, v));
        }
        advance();
        return new Ast.InstanceDecl(pos(start), quals, pos(cls), cls.text, alias == null ? null : pos(alias),
                alias == null ? null : alias.text, values);
    }

    private Ast.Value value() {
        Token t = peek();
        switch (t.kind) {
            case INT:
                advance();
                return new Ast.IntV(pos(t), t.intValue, t.text);
            case REAL:
                advance();
                return new Ast.RealV(pos(t), t.text);
            case STRING:
                return new Ast.StrV(pos(t), stringLiterals("a string"));
            case CHAR:
                advance();
                return new Ast.CharV(pos(t), t.text.charAt(0));
            case ALIAS:
                advance();
                return new Ast.AliasV(pos(t), t.text);
            case LBRACE: {
                advance();
                List<Ast.Value> elems = new ArrayList<>();
                if (peek().kind != Kind.RBRACE) {
                    do {
                        elems.add(value());
                    } while (accept(Kind.COMMA));
                }
                expect(Kind.RBRACE, "'}' or ','");
                return new Ast.ArrayV(pos(t), elems);
            }
            case IDENT:
                if (t.isKeyword("true") || t.isKeyword("false")) {
                    advance();
                    return new Ast.BoolV(pos(t), t.isKeyword("true"));
                }
                if (t.isKeyword("null")) {
                    advance();
                    return new Ast.NullV(pos(t));
                }
                if (t.isKeyword("instance") && peek(1).isKeyword("of")) {
                    return new Ast.InstanceV(pos(t), instance(List.of(), t));
                }
                break;
            default:
                break;
        }
        throw fail(t, "expected a value but found " + t.describe());
    }
}
