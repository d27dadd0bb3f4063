package org.cimkit.mof;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a MOF text comes from: its display name, how to read it, and where its includes are
 * resolved: next to a file, inside a classpath package, or (for strings and readers) against the
 * working directory.
 */
final class Source {
    /** Texts up to this many bytes (a schema's many small files) are read in one go, larger ones streamed. */
    static final int READ_WHOLE_LIMIT = 1 << 20;

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
     * Opens the text. Bytes are UTF-8, or ISO-8859-1 when they are not valid UTF-8: a text up to
     * {@link #READ_WHOLE_LIMIT} bytes is read and decoded in one go; a larger one is streamed through a
     * {@link Utf8OrLatin1Reader}. {@code latin1} reads ISO-8859-1 from the start (a re-read after a
     * {@link Utf8OrLatin1Reader.MixedEncodingException}).
     */
    SourceText open(boolean latin1) throws IOException {
        if (string != null) {
            return new SourceText(name, string.toCharArray(), string.length());
        }
        if (chars != null) {
            return new SourceText(name, chars);
        }
        InputStream in = resource != null ? loader.getResourceAsStream(resource) : Files.newInputStream(file);
        if (in == null) {
            throw new IOException("classpath resource not found: " + resource);
        }
        byte[] head;
        try {
            head = in.readNBytes(READ_WHOLE_LIMIT + 1);
        } catch (IOException e) {
            in.close();
            throw e;
        }
        if (head.length <= READ_WHOLE_LIMIT) {
            in.close();
            CharBuffer text = latin1 ? StandardCharsets.ISO_8859_1.decode(ByteBuffer.wrap(head)) : decode(head);
            return new SourceText(name, text.array(), text.limit());
        }
        InputStream all = new SequenceInputStream(new ByteArrayInputStream(head), in);
        return new SourceText(name, latin1 ? new InputStreamReader(all, StandardCharsets.ISO_8859_1)
                : new Utf8OrLatin1Reader(all));
    }

    /** The text of the bytes as UTF-8, or as ISO-8859-1 when they are not valid UTF-8. */
    private static CharBuffer decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            return StandardCharsets.ISO_8859_1.decode(ByteBuffer.wrap(bytes));
        }
    }
}
