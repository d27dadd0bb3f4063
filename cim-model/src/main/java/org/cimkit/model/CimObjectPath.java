package org.cimkit.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The path of a class or instance: optional host, optional namespace, class name and (for
 * instances) key bindings. The canonical string form is {@code //host/ns:Class.k1="v",k2=3}, keys
 * sorted by name; equality ignores case in names and the order of keys.
 */
public final class CimObjectPath {
    private final String host;
    private final CimNamespace namespace;
    private final CimName className;
    private final List<CimKeyBinding> keys;
    /** Built on first use: paths decoded for output are never compared. A racy but safe cache (String is immutable). */
    private String comparisonKey;

    private CimObjectPath(String host, CimNamespace namespace, CimName className, List<CimKeyBinding> keys) {
        this.host = host == null || host.isEmpty() ? null : host;
        this.namespace = namespace;
        this.className = Objects.requireNonNull(className, "class name");
        this.keys = List.copyOf(keys);
        for (int i = 0; i < this.keys.size(); i++) {
            for (int j = i + 1; j < this.keys.size(); j++) {
                if (this.keys.get(i).name().equals(this.keys.get(j).name())) {
                    throw new IllegalArgumentException("key " + this.keys.get(i).name() + " appears twice in a path of "
                            + className);
                }
            }
        }
    }

    public static CimObjectPath of(String host, CimNamespace namespace, CimName className, List<CimKeyBinding> keys) {
        return new CimObjectPath(host, namespace, className, keys);
    }

    public static CimObjectPath forClass(CimNamespace namespace, CimName className) {
        return new CimObjectPath(null, namespace, className, List.of());
    }

    public static CimObjectPath forInstance(CimNamespace namespace, CimName className, List<CimKeyBinding> keys) {
        return new CimObjectPath(null, namespace, className, keys);
    }

    public String host() {
        return host;
    }

    public CimNamespace namespace() {
        return namespace;
    }

    public CimName className() {
        return className;
    }

    public List<CimKeyBinding> keys() {
        return keys;
    }

    public CimKeyBinding key(String name) {
        for (CimKeyBinding k : keys) {
            if (k.name().is(name)) {
                return k;
            }
        }
        return null;
    }

    /** True when the path names an instance (has keys); a keyless path names a class or a singleton. */
    public boolean hasKeys() {
        return !keys.isEmpty();
    }

    public CimObjectPath withHost(String newHost) {
        return new CimObjectPath(newHost, namespace, className, keys);
    }

    public CimObjectPath withNamespace(CimNamespace ns) {
        return new CimObjectPath(host, ns, className, keys);
    }

    /** The same path without host and namespace: the form used in INSTANCENAME. */
    public CimObjectPath local() {
        return host == null && namespace == null ? this : new CimObjectPath(null, null, className, keys);
    }

    /**
     * Case-folded canonical form: two paths are equal exactly when their comparison keys are, so it
     * serves as a lookup key wherever paths are stored.
     */
    public String comparisonKey() {
        String k = comparisonKey;
        if (k == null) {
            k = buildComparisonKey();
            comparisonKey = k;
        }
        return k;
    }

    private String buildComparisonKey() {
        StringBuilder sb = new StringBuilder();
        if (host != null) {
            sb.append("//").append(host.toLowerCase(Locale.ROOT)).append('/');
        }
        if (namespace != null) {
            sb.append(namespace.value().toLowerCase(Locale.ROOT)).append(':');
        }
        sb.append(className.key());
        List<CimKeyBinding> sorted = new ArrayList<>(keys);
        sorted.sort(Comparator.comparing(CimKeyBinding::name));
        char sep = '.';
        for (CimKeyBinding k : sorted) {
            sb.append(sep).append(k.name().key()).append('=');
            sb.append(k.value().type().kind().name().charAt(0)).append(quote(k.comparisonText()));
            sep = ',';
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CimObjectPath p && p.comparisonKey().equals(comparisonKey());
    }

    @Override
    public int hashCode() {
        return comparisonKey().hashCode();
    }

    /** The canonical WBEM URI-like form, keys sorted by name. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (host != null) {
            sb.append("//").append(host).append('/');
        }
        if (namespace != null) {
            sb.append(namespace.value()).append(':');
        }
        sb.append(className.value());
        List<CimKeyBinding> sorted = new ArrayList<>(keys);
        sorted.sort(Comparator.comparing(CimKeyBinding::name));
        char sep = '.';
        for (CimKeyBinding k : sorted) {
            sb.append(sep).append(k.name().value()).append('=').append(formatKeyValue(k.value()));
            sep = ',';
        }
        return sb.toString();
    }

    private static String formatKeyValue(CimValue.Scalar v) {
        return switch (v.type().kind()) {
            case BOOLEAN, INTEGER, REAL -> v.toLexical();
            default -> quote(v.toLexical());
        };
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }

    /**
     * Parses {@code [//host/][namespace:]Class[.key=value,...]}. Quoted values become strings, or
     * references when the text is itself an instance path; {@code TRUE}/{@code FALSE} booleans; bare
     * numbers sint64/uint64 or real64.
     */
    public static CimObjectPath parse(String text) {
        return parse(text, true);
    }

    /**
     * Parses like {@link #parse(String)}, but every quoted value stays a string: for a reader that
     * converts keys to their declared types afterwards (a server shaping a path against its class), so
     * that a string key whose text happens to read as an instance path keeps its type.
     */
    public static CimObjectPath parseQuotedAsStrings(String text) {
        return parse(text, false);
    }

    private static CimObjectPath parse(String text, boolean guessReferences) {
        Objects.requireNonNull(text, "path");
        String s = text.strip();
        String host = null;
        int pos = 0;
        if (s.startsWith("//")) {
            int slash = s.indexOf('/', 2);
            if (slash < 0) {
                throw bad(text, "a host must be followed by '/' and a namespace");
            }
            host = s.substring(2, slash);
            pos = slash + 1;
        }
        CimNamespace ns = null;
        int colon = -1;
        for (int i = pos; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ':') {
                colon = i;
                break;
            }
            // Namespace components may contain '.', so only '=' or a quote ends the search: neither
            // a class name nor a key name can hold ':'.
            if (c == '=' || c == '"') {
                break;
            }
        }
        if (colon >= 0) {
            try {
                ns = CimNamespace.of(s.substring(pos, colon));
            } catch (IllegalArgumentException e) {
                throw bad(text, e.getMessage());
            }
            pos = colon + 1;
        } else if (host != null) {
            throw bad(text, "a path with a host must name a namespace");
        }
        int dot = s.indexOf('.', pos);
        String cls = dot < 0 ? s.substring(pos) : s.substring(pos, dot);
        CimName className;
        try {
            className = CimName.of(cls);
        } catch (IllegalArgumentException e) {
            throw bad(text, e.getMessage());
        }
        List<CimKeyBinding> keys = new ArrayList<>();
        if (dot >= 0) {
            int i = dot + 1;
            while (true) {
                int eq = s.indexOf('=', i);
                if (eq < 0) {
                    throw bad(text, "key binding without '=' at position " + i);
                }
                CimName keyName;
                try {
                    keyName = CimName.of(s.substring(i, eq).strip());
                } catch (IllegalArgumentException e) {
                    throw bad(text, e.getMessage());
                }
                i = eq + 1;
                CimValue.Scalar value;
                if (i < s.length() && s.charAt(i) == '"') {
                    StringBuilder sb = new StringBuilder();
                    i++;
                    boolean closed = false;
                    while (i < s.length()) {
                        char c = s.charAt(i++);
                        if (c == '\\' && i < s.length()) {
                            sb.append(s.charAt(i++));
                        } else if (c == '"') {
                            closed = true;
                            break;
                        } else {
                            sb.append(c);
                        }
                    }
                    if (!closed) {
                        throw bad(text, "unterminated quoted value for key " + keyName);
                    }
                    value = guessReferences ? quotedValue(sb.toString()) : new CimValue.StringValue(sb.toString());
                } else {
                    int end = s.indexOf(',', i);
                    String raw = (end < 0 ? s.substring(i) : s.substring(i, end)).strip();
                    i = end < 0 ? s.length() : end;
                    value = bareValue(text, keyName, raw);
                }
                keys.add(new CimKeyBinding(keyName, value));
                if (i >= s.length()) {
                    break;
                }
                if (s.charAt(i) != ',') {
                    throw bad(text, "expected ',' after the value of key " + keyName + " at position " + i);
                }
                i++;
            }
        }
        try {
            return new CimObjectPath(host, ns, className, keys);
        } catch (IllegalArgumentException e) {
            throw bad(text, e.getMessage());
        }
    }

    private static CimValue.Scalar quotedValue(String s) {
        // A quoted value that is itself an instance path with keys is a reference (as Pegasus reads it).
        if (s.indexOf('=') > 0 && s.indexOf('.') > 0) {
            try {
                CimObjectPath p = parse(s);
                if (p.hasKeys()) {
                    return new CimValue.ReferenceValue(p);
                }
            } catch (IllegalArgumentException ignored) {
                // not a path: a plain string
            }
        }
        return new CimValue.StringValue(s);
    }

    private static CimValue.Scalar bareValue(String text, CimName key, String raw) {
        if (raw.equalsIgnoreCase("true") || raw.equalsIgnoreCase("false")) {
            return CimValue.BooleanValue.of(raw.equalsIgnoreCase("true"));
        }
        try {
            String unsigned = raw.startsWith("-") || raw.startsWith("+") ? raw.substring(1) : raw;
            if (unsigned.equalsIgnoreCase("INF") || raw.equalsIgnoreCase("NaN")) {
                // what toString() writes for infinite and NaN real keys
                return CimValue.parse(CimType.REAL64, raw);
            }
            if (raw.contains(".") || raw.contains("e") || raw.contains("E")) {
                // a hex integer may hold 'e' digits, after a sign too
                if (!unsigned.regionMatches(true, 0, "0x", 0, 2)) {
                    return CimValue.parse(CimType.REAL64, raw);
                }
            }
            if (raw.startsWith("-")) {
                return CimValue.parse(CimType.SINT64, raw);
            }
            CimValue.Scalar u = CimValue.parse(CimType.UINT64, raw);
            long bits = ((CimValue.IntegerValue) u).bits();
            return bits >= 0 ? new CimValue.IntegerValue(CimType.SINT64, bits) : u;
        } catch (IllegalArgumentException e) {
            throw bad(text, "value '" + raw + "' of key " + key + " is not a number, boolean or quoted string");
        }
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("'" + text + "' is not a valid object path: " + why);
    }
}
