package org.cimkit.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A namespace name such as {@code root/virtualization/v2}: components joined with '/', compared
 * without regard to case; leading and trailing slashes are dropped.
 */
public final class CimNamespace {
    private final String name;
    private final String key;

    private CimNamespace(String name) {
        this.name = name;
        this.key = name.toLowerCase(Locale.ROOT);
    }

    public static CimNamespace of(String name) {
        Objects.requireNonNull(name, "namespace");
        String trimmed = name.strip();
        int start = 0;
        int end = trimmed.length();
        while (start < end && trimmed.charAt(start) == '/') {
            start++;
        }
        while (end > start && trimmed.charAt(end - 1) == '/') {
            end--;
        }
        String n = trimmed.substring(start, end);
        if (n.isEmpty()) {
            throw new IllegalArgumentException("a namespace name must not be empty");
        }
        // checked in place, without splitting: every request names its namespace
        int componentStart = 0;
        for (int i = 0; i <= n.length(); i++) {
            if (i == n.length() || n.charAt(i) == '/') {
                if (i == componentStart) {
                    throw new IllegalArgumentException("namespace '" + name + "' has an empty component");
                }
                componentStart = i + 1;
                continue;
            }
            char c = n.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.')) {
                throw new IllegalArgumentException("namespace '" + name + "' contains '" + c + "'");
            }
        }
        return new CimNamespace(n);
    }

    public static CimNamespace ofComponents(List<String> components) {
        return of(String.join("/", components));
    }

    public String value() {
        return name;
    }

    public List<String> components() {
        return Arrays.asList(name.split("/"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CimNamespace other && key.equals(other.key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
