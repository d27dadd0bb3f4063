package org.cimkit.mof;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a MOF text comes from: its display name, how to read it, and where its includes are
 * resolved: next to a file, inside a classpath package, or (for strings and readers) against the
 * working directory.
 */
final class Source {
    final String name;
    final Path file;        // null unless read from a file
    final String resource;  // classpath resource name, null unless loaded from the classpath
    final ClassLoader loader;
    private final String string; // the text of a string source
    private final Reader chars;  // the text of a reader source, which can be read only once

    private Source(String name, Path file, String resource, ClassLoader loader, String string, Reader chars) {
        this.name = name;
        this.file = file;
        this.resource = resource;
        this.loader = loader;
        this.string = string;
        this.chars = chars;
    }

    static Source ofFile(Path file) {
        return new Source(file.toString(), file, null, null, null, null);
    }

    static Source ofResource(String resource, ClassLoader loader) {
        return new Source(resource, null, resource, loader, null, null);
    }

    /** Text that is already characters; includes are relative to the working directory. */
    static Source ofString(String name, String text) {
        return new Source(name, null, null, null, text, null);
    }

    /** Like {@link #ofString}, for text that can be read only once. */
    static Source ofReader(String name, Reader chars) {
        return new Source(name, null, null, null, null, chars);
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

    /** The source an {@code #pragma include} of {@code name} in this source means. */
    Source include(String includeName) {
        if (resource != null) {
            int slash = resource.lastIndexOf('/');
            String res = MofCompiler.normalizeResource((slash < 0 ? "" : resource.substring(0, slash + 1)) + includeName);
            return ofResource(res, loader);
        }
        Path base = file == null ? null : file.getParent();
        return ofFile((base == null ? Path.of(includeName) : base.resolve(includeName)).normalize());
    }

    /**
     * Opens the text: bytes are read as UTF-8, falling back to ISO-8859-1 as {@link Utf8OrLatin1Reader}
     * explains, or as ISO-8859-1 from the start when {@code latin1} (a re-read after a
     * {@link Utf8OrLatin1Reader.MixedEncodingException}).
     */
    SourceText open(boolean latin1) throws IOException {
        if (string != null) {
            return new SourceText(name, new StringReader(string), string.length());
        }
        if (chars != null) {
            return new SourceText(name, chars);
        }
        InputStream in;
        if (resource != null) {
            in = loader.getResourceAsStream(resource);
            if (in == null) {
                throw new IOException("classpath resource not found: " + resource);
            }
        } else {
            in = Files.newInputStream(file);
        }
        int available = in.available(); // a file's size; 0 when a stream cannot tell
        int size = available > 0 ? available : Integer.MAX_VALUE;
        Reader reader = latin1 ? new InputStreamReader(in, StandardCharsets.ISO_8859_1) : new Utf8OrLatin1Reader(in, size);
        return new SourceText(name, reader, size);
    }
}
