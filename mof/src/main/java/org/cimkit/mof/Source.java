package org.cimkit.mof;

import java.nio.file.Path;

/**
 * A MOF text with its display name and where includes are resolved: next to a file, inside a
 * classpath package, or (for strings) against the working directory.
 */
final class Source {
    final String name;
    final String text;
    final Path file;        // null unless read from a file
    final String resource;  // classpath resource name, null unless loaded from the classpath
    final ClassLoader loader;

    Source(String name, String text, Path file, String resource, ClassLoader loader) {
        this.name = name;
        this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
        this.file = file;
        this.resource = resource;
        this.loader = loader;
    }

    /** Identity used for include-cycle detection. */
    String identity() {
        if (file != null) {
            return "file:" + file.toAbsolutePath().normalize();
        }
        if (resource != null) {
            return "resource:" + resource;
        }
        return "string:" + name;
    }

    /** The source line holding {@code offset} and a caret line under it. */
    String excerpt(int offset) {
        int o = Math.max(0, Math.min(offset, text.length()));
        int start = o;
        while (start > 0 && text.charAt(start - 1) != '\n' && text.charAt(start - 1) != '\r') {
            start--;
        }
        int end = o;
        while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
            end++;
        }
        String line = text.substring(start, end);
        StringBuilder caret = new StringBuilder(o - start + 1);
        for (int i = start; i < o; i++) {
            caret.append(text.charAt(i) == '\t' ? '\t' : ' ');
        }
        caret.append('^');
        return line + "\n" + caret;
    }
}
