package org.cimkit.server.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.cimkit.model.CimNamespace;

/**
 * Per-namespace rights of users, from an ACL file of lines {@code USER NAMESPACE RIGHTS}:
 * {@code USER} is a user name or {@code *}; {@code NAMESPACE} is a namespace, {@code *}, or a
 * prefix ending in {@code /*} (e.g. {@code root/*} covers {@code root/cimv2} but not {@code root});
 * {@code RIGHTS} is some of {@code r} (read), {@code w} (write), {@code x} (call methods), or
 * {@code -} for none. Blank lines and lines starting with {@code #} are ignored. The first line that
 * matches user and namespace decides; no matching line means no rights. Requests made without
 * authentication are checked as user {@code anonymous}.
 */
public final class AccessControl {
    /** What an operation needs. */
    public enum Right {
        READ('r'), WRITE('w'), EXECUTE('x');

        final char letter;

        Right(char letter) {
            this.letter = letter;
        }
    }

    public static final String ANONYMOUS = "anonymous";

    private record Rule(String user, String namespace, Set<Right> rights) {
        boolean matches(String u, CimNamespace ns) {
            if (!user.equals("*") && !user.equals(u)) {
                return false;
            }
            if (namespace.equals("*")) {
                return true;
            }
            String n = ns.value().toLowerCase(Locale.ROOT);
            if (namespace.endsWith("/*")) {
                return n.startsWith(namespace.substring(0, namespace.length() - 1));
            }
            return n.equals(namespace);
        }
    }

    private final List<Rule> rules;

    private AccessControl(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static AccessControl load(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString());
    }

    /** Parses ACL text; errors name {@code source:line}. */
    public static AccessControl parse(String text, String source) {
        List<Rule> rules = new ArrayList<>();
        int lineNo = 0;
        for (String line : text.split("\r?\n", -1)) {
            lineNo++;
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            String[] f = s.split("\\s+");
            if (f.length != 3) {
                throw new IllegalArgumentException(source + ":" + lineNo + ": expected USER NAMESPACE RIGHTS");
            }
            String ns = f[1].toLowerCase(Locale.ROOT);
            if (!ns.equals("*")) {
                boolean prefix = ns.endsWith("/*");
                String plain = prefix ? ns.substring(0, ns.length() - 2) : ns;
                try {
                    // the same normal form requests get (no leading/trailing '/'), so a rule cannot miss its namespace
                    ns = CimNamespace.of(plain).value().toLowerCase(Locale.ROOT) + (prefix ? "/*" : "");
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(source + ":" + lineNo + ": not a namespace: " + f[1]);
                }
            }
            Set<Right> rights = EnumSet.noneOf(Right.class);
            if (!f[2].equals("-")) {
                for (char c : f[2].toCharArray()) {
                    Right r = switch (c) {
                        case 'r' -> Right.READ;
                        case 'w' -> Right.WRITE;
                        case 'x' -> Right.EXECUTE;
                        default -> throw new IllegalArgumentException(source + ":" + lineNo
                                + ": rights are letters among r, w, x (or -), not " + f[2]);
                    };
                    rights.add(r);
                }
            }
            rules.add(new Rule(f[0], ns, rights));
        }
        return new AccessControl(rules);
    }

    /** Whether the user (null = not authenticated) has the right in the namespace. */
    public boolean allows(String user, CimNamespace ns, Right right) {
        String u = user == null ? ANONYMOUS : user;
        for (Rule r : rules) {
            if (r.matches(u, ns)) {
                return r.rights.contains(right);
            }
        }
        return false;
    }
}
