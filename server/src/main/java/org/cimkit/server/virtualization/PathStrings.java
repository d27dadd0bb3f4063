package org.cimkit.server.virtualization;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;

/**
 * Object paths written as strings inside Hyper-V settings (BaseReferencePoint, DifferentialBackupBase,
 * SnapshotVirtualSystem, Parent, ...): the one parser and formatter for them.
 *
 * <p>Clients write them the WMI way, as Microsoft's sample {@code Get-CimInstancePath} does:
 * {@code \\HOST\root\virtualization\v2:Msvm_X.Key="v",Key2="v2"}, with backslashes in key values
 * doubled, every value quoted and the keys in any order; a keyless (singleton) class is
 * {@code Class=@}. CIM clients write DSP0207 paths instead: {@code //host/ns:Class.Key="v"},
 * {@code ns:Class.Key="v"} or {@code Class.Key="v"}. Both are read here; {@link CimObjectPath#parse}
 * stays the DSP0207 parser of the protocol layer.
 *
 * <p>Because the WMI form quotes numbers too, values are typed by the class's key properties when the
 * class is known; without it a quoted value is a string and a bare one a boolean or a number.
 */
public final class PathStrings {
    private PathStrings() {
    }

    /** Parses either form without class information (quoted values are strings). */
    public static CimObjectPath parse(String text) {
        return parse(text, name -> null);
    }

    /**
     * Parses either form; {@code classes} gives the class the path names (null when unknown), whose key
     * properties type the values and which must declare every key named.
     *
     * @throws IllegalArgumentException naming what is wrong and at which column (1-based)
     */
    public static CimObjectPath parse(String text, Function<CimName, CimClass> classes) {
        Objects.requireNonNull(text, "path");
        Objects.requireNonNull(classes, "classes");
        return new Reader(text, classes).path();
    }

    /**
     * The path a setting holds, which must name {@code expected} or one of its subclasses in
     * the namespace {@code classes} looks classes up in (e.g. {@code NamespaceObjects::getClass}); typed by
     * the class it names.
     *
     * @throws IllegalArgumentException when the text does not parse or names another class
     */
    public static CimObjectPath naming(String text, CimName expected, Function<CimName, CimClass> classes) {
        CimObjectPath path = parse(text, classes);
        if (!isA(path.className(), expected, classes)) {
            throw new IllegalArgumentException("'" + text + "' names " + path.className() + ", which is not "
                    + expected + (expected.equals(path.className()) ? "" : " or a subclass of it"));
        }
        return path;
    }

    private static boolean isA(CimName name, CimName expected, Function<CimName, CimClass> classes) {
        Set<CimName> seen = new HashSet<>();
        for (CimName n = name; n != null && seen.add(n); ) {
            if (n.equals(expected)) {
                return true;
            }
            CimClass c = classes.apply(n);
            n = c == null ? null : c.superclass();
        }
        return false;
    }

    /**
     * The path as {@code Get-CimInstancePath} writes it:
     * {@code \\<SERVER>\root\virtualization\v2:<Class>.<Key>="<v>"[,<Key2>="<v2>"]}, the server
     * upper-cased, the namespace with backslashes, every value quoted with its backslashes doubled, keys
     * in the order {@code cls} declares them (the path's order when {@code cls} is null or lacks a key),
     * {@code <Class>=@} for a path without keys. Unlike the sample, a quote inside a value is escaped as
     * {@code \"} so that the result parses again.
     */
    public static String format(String server, CimObjectPath path, CimClass cls) {
        Objects.requireNonNull(server, "server");
        if (server.isBlank()) {
            throw new IllegalArgumentException("the server name must not be blank");
        }
        if (path.namespace() == null) {
            throw new IllegalArgumentException("path " + path + " has no namespace to write");
        }
        StringBuilder sb = new StringBuilder("\\\\").append(server.toUpperCase(Locale.ROOT)).append('\\')
                .append(path.namespace().value().replace('/', '\\')).append(':').append(path.className().value());
        if (!path.hasKeys()) {
            return sb.append("=@").toString();
        }
        char sep = '.';
        for (CimKeyBinding k : ordered(path.keys(), cls)) {
            sb.append(sep).append(k.name().value()).append("=\"").append(escape(text(server, path, k.value())))
                    .append('"');
            sep = ',';
        }
        return sb.toString();
    }

    private static List<CimKeyBinding> ordered(List<CimKeyBinding> keys, CimClass cls) {
        if (cls == null) {
            return keys;
        }
        List<CimKeyBinding> out = new ArrayList<>(keys.size());
        for (CimProperty p : cls.properties()) {
            for (CimKeyBinding k : keys) {
                if (k.name().equals(p.name())) {
                    out.add(k);
                }
            }
        }
        for (CimKeyBinding k : keys) {
            if (!out.contains(k)) {
                out.add(k);
            }
        }
        return out;
    }

    /** A key value as PowerShell turns it into a string: booleans True/False, references as WMI paths. */
    private static String text(String server, CimObjectPath outer, CimValue.Scalar v) {
        if (v instanceof CimValue.BooleanValue b) {
            return b.value() ? "True" : "False";
        }
        if (v instanceof CimValue.ReferenceValue r) {
            CimObjectPath p = r.path().namespace() == null ? r.path().withNamespace(outer.namespace()) : r.path();
            return format(p.host() == null ? server : p.host(), p, null);
        }
        return v.toLexical();
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** One pass over the text; {@code pos} is the index of the next character. */
    private static final class Reader {
        private final String text;
        private final Function<CimName, CimClass> classes;
        private int pos;

        Reader(String text, Function<CimName, CimClass> classes) {
            this.text = text;
            this.classes = classes;
        }

        CimObjectPath path() {
            skipSpaces();
            if (pos == text.length()) {
                throw bad("the path is empty", pos);
            }
            String host = null;
            if (text.startsWith("\\\\", pos) || text.startsWith("//", pos)) {
                int start = pos + 2;
                int end = start;
                while (end < text.length() && text.charAt(end) != '\\' && text.charAt(end) != '/') {
                    end++;
                }
                if (end == start) {
                    throw bad("the host name is empty", start);
                }
                if (end == text.length()) {
                    throw bad("the host must be followed by a namespace and ':'", end);
                }
                host = text.substring(start, end);
                pos = end + 1;
            } else if (pos < text.length() && (text.charAt(pos) == '\\' || text.charAt(pos) == '/')) {
                pos++; // a namespace written from the root: /root/cimv2: or \root\cimv2:
            }
            CimNamespace ns = namespace(host != null);
            CimName className = name("class name");
            CimClass cls = classes.apply(className);
            List<CimKeyBinding> keys = new ArrayList<>();
            skipSpaces();
            if (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '=' && text.startsWith("@", pos + 1)) {
                    if (cls != null && !cls.keyProperties().isEmpty()) {
                        throw bad("'=@' names a keyless singleton, but " + className + " has keys", pos);
                    }
                    pos += 2;
                } else if (c == '.') {
                    pos++;
                    keys(className, cls, keys);
                } else {
                    throw bad("expected '.' and key bindings or '=@' after the class name, not '" + c + "'", pos);
                }
                skipSpaces();
                if (pos < text.length()) {
                    throw bad("unexpected '" + text.charAt(pos) + "' after the path", pos);
                }
            }
            try {
                return CimObjectPath.of(host, ns, className, keys);
            } catch (IllegalArgumentException e) {
                throw bad(e.getMessage(), text.length());
            }
        }

        /** The namespace before the first ':' (none when there is no ':' before a key part begins). */
        private CimNamespace namespace(boolean required) {
            int colon = -1;
            for (int i = pos; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == ':') {
                    colon = i;
                    break;
                }
                // components may hold '.', so only '=' or a quote proves there is no namespace: a class
                // or key name cannot hold ':'
                if (c == '=' || c == '"') {
                    break;
                }
            }
            if (colon < 0) {
                if (required) {
                    throw bad("a path with a host must name a namespace followed by ':'", pos);
                }
                return null;
            }
            List<String> components = new ArrayList<>();
            int start = pos;
            for (int i = pos; i <= colon; i++) {
                if (i == colon || text.charAt(i) == '\\' || text.charAt(i) == '/') {
                    if (i == start) {
                        throw bad(i == colon ? "the namespace is empty or ends with a separator"
                                : "empty namespace component (doubled separator)", i);
                    }
                    components.add(text.substring(start, i));
                    start = i + 1;
                }
            }
            pos = colon + 1;
            try {
                return CimNamespace.ofComponents(components);
            } catch (IllegalArgumentException e) {
                throw bad(e.getMessage(), colon);
            }
        }

        private void keys(CimName className, CimClass cls, List<CimKeyBinding> keys) {
            while (true) {
                skipSpaces();
                int nameAt = pos;
                CimName key = name("key name");
                CimType type = null;
                if (cls != null) {
                    CimProperty p = cls.property(key);
                    if (p == null || !p.isKey()) {
                        throw bad(key + " is not a key property of " + className, nameAt);
                    }
                    type = p.type();
                }
                skipSpaces();
                if (pos == text.length() || text.charAt(pos) != '=') {
                    throw bad("expected '=' after key " + key, pos);
                }
                pos++;
                skipSpaces();
                int valueAt = pos;
                CimValue.Scalar value = value(key, type, valueAt);
                for (CimKeyBinding k : keys) {
                    if (k.name().equals(key)) {
                        throw bad("key " + key + " appears twice", nameAt);
                    }
                }
                keys.add(new CimKeyBinding(key, value));
                skipSpaces();
                if (pos == text.length()) {
                    return;
                }
                if (text.charAt(pos) != ',') {
                    throw bad("expected ',' or the end after the value of key " + key + ", not '"
                            + text.charAt(pos) + "'", pos);
                }
                pos++;
            }
        }

        private CimValue.Scalar value(CimName key, CimType type, int at) {
            if (pos < text.length() && text.charAt(pos) == '"') {
                String s = quoted(key);
                return type == null ? new CimValue.StringValue(s) : typed(key, type, s, at);
            }
            int end = pos;
            while (end < text.length() && text.charAt(end) != ',') {
                end++;
            }
            String raw = text.substring(pos, end).strip();
            pos = end;
            if (raw.isEmpty()) {
                throw bad("key " + key + " has no value", at);
            }
            return type == null ? untyped(key, raw, at) : typed(key, type, raw, at);
        }

        /**
         * A quoted value: {@code \\} is one backslash and {@code \"} a quote. A backslash before any
         * other character is kept, so a path whose writer forgot to double a backslash still reads.
         */
        private String quoted(CimName key) {
            int open = pos++;
            StringBuilder sb = new StringBuilder();
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c == '\\' && pos < text.length() && (text.charAt(pos) == '\\' || text.charAt(pos) == '"')) {
                    c = text.charAt(pos++);
                }
                sb.append(c);
            }
            throw bad("the quoted value of key " + key + " is not closed", open);
        }

        private CimValue.Scalar typed(CimName key, CimType type, String s, int at) {
            if (type == CimType.REFERENCE) {
                try {
                    return new CimValue.ReferenceValue(parse(s, classes));
                } catch (IllegalArgumentException e) {
                    throw bad("the reference value of key " + key + " is not a path (" + e.getMessage() + ")", at);
                }
            }
            try {
                return CimValue.parse(type, s);
            } catch (IllegalArgumentException e) {
                throw bad("value '" + s + "' of key " + key + " is not a valid " + type.typeName(), at);
            }
        }

        /** A bare value without class information: TRUE/FALSE, an integer or a real. */
        private CimValue.Scalar untyped(CimName key, String raw, int at) {
            if (raw.equalsIgnoreCase("true") || raw.equalsIgnoreCase("false")) {
                return CimValue.BooleanValue.of(raw.equalsIgnoreCase("true"));
            }
            try {
                BigInteger n = new BigInteger(raw.startsWith("+") ? raw.substring(1) : raw);
                return n.bitLength() < 64 ? CimValue.parse(CimType.SINT64, n.toString())
                        : CimValue.parse(CimType.UINT64, n.toString());
            } catch (IllegalArgumentException e) {
                // not an integer in range: a real or nothing
            }
            try {
                return CimValue.parse(CimType.REAL64, raw);
            } catch (IllegalArgumentException e) {
                throw bad("value '" + raw + "' of key " + key + " is not a number or TRUE/FALSE; quote a string", at);
            }
        }

        private CimName name(String what) {
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            if (pos == start) {
                throw bad(pos == text.length() ? "a " + what + " is missing at the end"
                        : "expected a " + what + ", not '" + text.charAt(pos) + "'", start);
            }
            try {
                return CimName.of(text.substring(start, pos));
            } catch (IllegalArgumentException e) {
                throw bad("'" + text.substring(start, pos) + "' is not a valid " + what, start);
            }
        }

        private void skipSpaces() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private IllegalArgumentException bad(String why, int index) {
            return new IllegalArgumentException("'" + text + "' is not an object path: " + why + " (column "
                    + (index + 1) + ")");
        }
    }
}
