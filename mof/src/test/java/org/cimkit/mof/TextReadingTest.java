package org.cimkit.mof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.FilterReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading MOF text on demand: encodings, byte order marks, very long lines, reads of any size. */
class TextReadingTest extends MofTestSupport {
    private static final String CLASS = QUALIFIERS + "class T { [Key] string Id; string Name; };\n";

    @TempDir
    Path dir;

    private Path file(Object... parts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            out.writeBytes(p instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : (byte[]) p);
        }
        return Files.write(dir.resolve("t.mof"), out.toByteArray());
    }

    private static List<String> names(List<CimInstance> instances) {
        return instances.stream().map(i -> ((CimValue.StringValue) i.value("Name")).value()).toList();
    }

    private static List<String> names(Path file) throws Exception {
        return names(new MofCompiler().compileFile(file).result().namespace("root/cimv2").instances());
    }

    private static final byte[] LATIN1_E_ACUTE = {(byte) 0xE9};

    @Test
    void utf8() throws Exception {
        assertEquals(List.of("caf\u00e9 \u20ac"), names(file(CLASS, "instance of T { Id = \"1\"; Name = \"caf\u00e9 \u20ac\"; };")));
    }

    @Test
    void aByteOrderMarkIsSkipped() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        for (String padding : List.of("", PADDING)) {
            Path f = file(bom, "class A : Nope { };\n", padding);
            MofError e = assertThrows(MofException.class, () -> new MofCompiler().compileFile(f)).first();
            assertEquals(f + ":1:11: unknown superclass 'Nope'", e.headline());
            assertEquals("class A : Nope { };\n          ^", e.excerpt());
        }
        MofError e = assertThrows(MofException.class, () -> new MofCompiler().compileString("s.mof", "\uFEFFclass A : B { };")).first();
        assertEquals("s.mof:1:11: unknown superclass 'B'", e.headline());
    }

    /** A comment that pushes a file past the size read in one go, so the rest is streamed. */
    private static final String PADDING = "// " + "x".repeat(Source.READ_WHOLE_LIMIT) + "\n";

    @Test
    void notUtf8IsLatin1() throws Exception {
        for (String padding : List.of("", PADDING)) {
            assertEquals(List.of("caf\u00e9"), names(file(CLASS, padding, "instance of T { Id = \"1\"; Name = \"caf",
                    LATIN1_E_ACUTE, "\"; };")));
        }
    }

    @Test
    void latin1AfterUtf8MakesTheWholeFileLatin1AsBefore() throws Exception {
        for (String padding : List.of("", PADDING)) {
            Path f = file(CLASS, "instance of T { Id = \"1\"; Name = \"caf\u00e9\"; };\n", padding,
                    "instance of T { Id = \"2\"; Name = \"caf", LATIN1_E_ACUTE, "\"; };\n");
            assertEquals(List.of("caf\u00c3\u00a9", "caf\u00e9"), names(f));
        }
    }

    @Test
    void streamingASmallFileWithLatin1AfterUtf8ReadsItAsLatin1() throws Exception {
        Path f = file(CLASS, "instance of T { Id = \"1\"; Name = \"caf\u00e9\"; };\n",
                "instance of T { Id = \"2\"; Name = \"caf", LATIN1_E_ACUTE, "\"; };\n");
        List<CimInstance> got = new ArrayList<>();
        new MofCompiler().compileFile(f, (ns, c, i) -> got.add(i));
        assertEquals(List.of("caf\u00c3\u00a9", "caf\u00e9"), names(got));
    }

    @Test
    void streamingALargeFileWithLatin1AfterUtf8IsAnError() throws Exception {
        Path f = file(CLASS, "instance of T { Id = \"1\"; Name = \"caf\u00e9\"; };\n", PADDING,
                "instance of T { Id = \"2\"; Name = \"caf", LATIN1_E_ACUTE, "\"; };\n");
        List<CimInstance> got = new ArrayList<>();
        MofException e = assertThrows(MofException.class, () -> new MofCompiler().compileFile(f, (ns, c, i) -> got.add(i)));
        assertEquals(f + ":23:38: bytes that are not UTF-8 after UTF-8 text; a streaming compile cannot read the file"
                + " again as ISO-8859-1: save it in one encoding", e.first().headline());
        assertEquals(List.of("caf\u00e9"), names(got));
    }

    @Test
    void aVeryLongLineIsCutAroundTheError() {
        String pad = " ".repeat(6000);
        MofError e = assertThrows(MofException.class,
                () -> new MofCompiler().compileString("t.mof", pad + "class A : Nope" + pad + "{ };")).first();
        assertEquals("t.mof:1:6011: unknown superclass 'Nope'", e.headline());
        String[] lines = e.excerpt().split("\n");
        assertEquals("..." + " ".repeat(Excerpt.CONTEXT - 10) + "class A : " + "Nope" + " ".repeat(Excerpt.CONTEXT - 4) + "...",
                lines[0]);
        assertEquals(" ".repeat(3 + Excerpt.CONTEXT) + "^", lines[1]);
    }

    /** Hands out one character per read, so every token crosses read boundaries. */
    private static final class OneCharAtATime extends FilterReader {
        OneCharAtATime(String text) {
            super(new StringReader(text));
        }

        @Override
        public int read(char[] cbuf, int off, int len) throws IOException {
            return super.read(cbuf, off, Math.min(len, 1));
        }
    }

    @Test
    void readsOfAnySizeGiveTheSameResult() throws Exception {
        String mof = CLASS + """
                // a comment
                instance of T { Id = "1"; Name = "tab\\there \\x41"; };
                /* a block
                   comment */ instance of T { Id = "2"; Name = "two" " parts"; };
                """;
        List<CimInstance> got = new ArrayList<>();
        new MofCompiler().compileReader("t.mof", new OneCharAtATime(mof), (ns, c, i) -> got.add(i));
        assertEquals(compile(mof.substring(QUALIFIERS.length())).namespace("root/cimv2").instances(), got);
        assertEquals(List.of("tab\there A", "two parts"), names(got));

        MofError e = assertThrows(MofException.class, () -> new MofCompiler().compileReader("t.mof",
                new OneCharAtATime(mof + "\n  instance of T { Id = \"3\"; Colour = 1; };"), (ns, c, i) -> true)).first();
        assertEquals("t.mof:26:29: unknown property 'Colour' in class T", e.headline());
        assertEquals("  instance of T { Id = \"3\"; Colour = 1; };\n                            ^", e.excerpt());
    }

    @Test
    void aReaderSourceIsClosed() throws Exception {
        boolean[] closed = {false};
        StringReader in = new StringReader(CLASS) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        new MofCompiler().compileReader("t.mof", in, (ns, c, i) -> true);
        assertTrue(closed[0]);
    }
}
