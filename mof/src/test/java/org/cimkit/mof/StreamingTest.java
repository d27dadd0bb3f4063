package org.cimkit.mof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cimkit.model.CimClass;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streaming compile: same instances as the all-or-nothing one, delivered while reading, nothing kept. */
class StreamingTest extends MofTestSupport {
    private static final String CLASSES = QUALIFIERS + """
            class T_Item { [Key] string Id; string Name; uint8 Flags[]; };
            class T_Holder { [Key] string Id; [EmbeddedInstance("T_Item")] string Content; };
            [Association] class T_Link { [Key] T_Item REF Left; [Key] T_Item REF Right; };
            [Association] class T_Loop { [Key] T_Loop REF Other; };
            """;

    @TempDir
    Path dir;

    /** Keeps what it receives and answers like a repository: false for a path it already has. */
    private static final class Collecting implements InstanceSink {
        final List<CimInstance> instances = new ArrayList<>();
        final Set<CimObjectPath> paths = new HashSet<>();

        @Override
        public boolean accept(CimNamespace ns, CimClass cls, CimInstance instance) {
            assertEquals(ns, instance.path().namespace());
            assertEquals(cls.name(), instance.className());
            if (!paths.add(instance.path())) {
                return false;
            }
            instances.add(instance);
            return true;
        }
    }

    private static String items(int from, int to, String separator) {
        StringBuilder sb = new StringBuilder();
        for (int k = from; k < to; k++) {
            sb.append("instance of T_Item { Id = \"i").append(k).append("\"; Name = \"item ").append(k)
                    .append("\"; Flags = {1, 2}; };").append(separator);
        }
        return sb.toString();
    }

    @Test
    void classesAreAnnouncedInDefinitionOrderBeforeTheirInstances() throws Exception {
        List<String> events = new ArrayList<>();
        new MofCompiler().compileReader("test.mof", new StringReader(CLASSES + """
                class T_Sub : T_Item { uint32 Extra; };
                instance of T_Sub { Id = "s"; };
                instance of T_Item { Id = "i"; };
                """), new InstanceSink() {
                    @Override
                    public void classDefined(CimNamespace ns, CimClass cls) {
                        events.add("class " + cls.name());
                    }

                    @Override
                    public boolean accept(CimNamespace ns, CimClass cls, CimInstance instance) {
                        events.add("instance of " + cls.name());
                        return true;
                    }
                });
        assertEquals(List.of("class T_Item", "class T_Holder", "class T_Link", "class T_Loop", "class T_Sub",
                "instance of T_Sub", "instance of T_Item"), events);
    }

    private static MofException streamFailure(String mof) {
        return assertThrows(MofException.class,
                () -> new MofCompiler().compileReader("test.mof", new StringReader(mof), new Collecting()));
    }

    @Test
    void deliversTheSameInstancesAsTheAllOrNothingCompile() throws Exception {
        Files.writeString(dir.resolve("more.mof"), """
                instance of T_Item as $b { Id = "b"; Name = "second"; };
                instance of T_Link { Left = "T_Item.Id=\\"x\\""; Right = $a; };
                """);
        Path top = Files.writeString(dir.resolve("top.mof"), CLASSES + """
                instance of T_Item as $a { Id = "a"; Name = "first"; Flags = {1, 2}; };
                instance of T_Link { Left = $a; Right = $b; };
                #pragma include ("more.mof")
                instance of T_Holder { Id = "h"; Content = instance of T_Item { Name = "inner"; }; };
                instance of T_Link { Left = $b; Right = $a; };
                """);
        List<CimInstance> all = new MofCompiler().compileFile(top).result().namespace("root/cimv2").instances();
        Collecting sink = new Collecting();
        MofCompiler streaming = new MofCompiler().compileFile(top, sink);

        assertEquals(6, all.size());
        // source order, except the link that uses $b before it is declared: it is built at the end
        List<CimInstance> expected = new ArrayList<>(all);
        expected.add(expected.remove(1));
        assertEquals(expected, sink.instances);
        CimValue.ReferenceValue right = (CimValue.ReferenceValue) sink.instances.get(5).value("Right");
        assertEquals(sink.instances.get(1).path(), right.path());
        assertEquals(4, streaming.result().classCount());
        assertEquals(0, streaming.result().instanceCount(), "streamed instances are not kept");
    }

    @Test
    void theSinkAnswersForDuplicates() {
        Collecting sink = new Collecting();
        MofException e = assertThrows(MofException.class, () -> new MofCompiler().compileReader("test.mof",
                new StringReader(CLASSES + items(0, 2, "\n") + "  instance of T_Item { Id = \"i0\"; };\n"), sink));
        MofError err = e.first();
        assertEquals("test.mof:26:3: duplicate instance root/cimv2:T_Item.Id=\"i0\"", err.headline());
        assertEquals("  instance of T_Item { Id = \"i0\"; };\n  ^", err.excerpt());
        assertEquals(2, sink.instances.size());
    }

    @Test
    void instancesOfTheBaseModelAreDuplicatesToo() throws Exception {
        CompiledModel base = compiler().compileString("base.mof", CLASSES.substring(QUALIFIERS.length())
                + "instance of T_Item { Id = \"old\"; };").result();
        Collecting sink = new Collecting();
        MofException e = assertThrows(MofException.class, () -> new MofCompiler(base).compileReader("more.mof",
                new StringReader("instance of T_Item { Id = \"new\"; };\ninstance of T_Item { Id = \"old\"; };"), sink));
        assertEquals("more.mof:2:1: duplicate instance root/cimv2:T_Item.Id=\"old\"", e.first().headline());
        assertEquals(List.of("new"), sink.instances.stream()
                .map(i -> ((CimValue.StringValue) i.value("Id")).value()).toList());
    }

    @Test
    void classesAreCommittedOnlyWhenTheCompileSucceeds() {
        MofCompiler c = compiler();
        assertThrows(MofException.class, () -> c.compileReader("test.mof",
                new StringReader(CLASSES.substring(QUALIFIERS.length()) + "instance of Nope { };"), new Collecting()));
        assertEquals(0, c.result().classCount());
    }

    @Test
    void aForwardAliasCycleIsReportedWithItsExcerpt() {
        // filler between and after the cycle, so the window has long moved past it when it is found
        MofException e = streamFailure(CLASSES + "instance of T_Loop as $x { Other = $y; };\n" + items(0, 3000, "\n")
                + "instance of T_Loop as $y { Other = $x; };\n" + items(3000, 6000, "\n"));
        assertEquals(1, e.errors().size(), e.getMessage());
        assertEquals("test.mof:3025:36: value of property 'Other': circular alias reference '$x'", e.first().headline());
        assertEquals("instance of T_Loop as $y { Other = $x; };\n" + " ".repeat(35) + "^", e.first().excerpt());
    }

    @Test
    void aSelfReferenceIsACycle() {
        assertEquals("test.mof:24:37: value of property 'Other': circular alias reference '$me'",
                streamFailure(CLASSES + "instance of T_Loop as $me { Other = $me; };").first().headline());
    }

    @Test
    void errorsFoundLateStillHaveTheirPositionsAndLines() {
        MofException e = streamFailure(CLASSES + "[Association] class T_Bad { [Key] T_Later REF Ref; };\n"
                + "instance of T_Link { Left = $nope; Right = $nope; };\n" + items(0, 4000, "\n")
                + "instance of T_Item { Id = \"z\"; Colour = \"red\"; };\n" + items(4000, 8000, "\n"));
        assertEquals(List.of(
                "test.mof:4026:32: unknown property 'Colour' in class T_Item",
                "test.mof:24:35: unknown class 'T_Later'",
                "test.mof:25:29: value of property 'Left': unknown alias '$nope'",
                "test.mof:25:44: value of property 'Right': unknown alias '$nope'"),
                e.errors().stream().map(MofError::headline).toList());
        assertEquals("instance of T_Item { Id = \"z\"; Colour = \"red\"; };\n" + " ".repeat(31) + "^",
                e.errors().get(0).excerpt());
        assertEquals("[Association] class T_Bad { [Key] T_Later REF Ref; };\n" + " ".repeat(34) + "^",
                e.errors().get(1).excerpt());
        assertEquals("instance of T_Link { Left = $nope; Right = $nope; };\n" + " ".repeat(43) + "^",
                e.errors().get(3).excerpt());
    }

    /** Counts the characters the compiler has taken from the text. */
    private static final class CountingReader extends FilterReader {
        long count;

        CountingReader(Reader in) {
            super(in);
        }

        @Override
        public int read(char[] cbuf, int off, int len) throws IOException {
            int n = super.read(cbuf, off, len);
            count += Math.max(n, 0);
            return n;
        }
    }

    /** What a sink saw of the compile going on. */
    private static final class Watching implements InstanceSink {
        final CountingReader reader;
        int received;
        long readAtFirst = -1;
        WeakReference<CimInstance> first;
        WeakReference<String> firstName;
        boolean firstCollected;

        Watching(CountingReader reader) {
            this.reader = reader;
        }

        @Override
        public boolean accept(CimNamespace ns, CimClass cls, CimInstance instance) {
            if (++received == 1) {
                readAtFirst = reader.count;
                first = new WeakReference<>(instance);
                // the string is the one the syntax tree held: collectable only if the tree is gone too
                firstName = new WeakReference<>(((CimValue.StringValue) instance.value("Name")).value());
            } else if (received == 10_000) {
                for (int k = 0; k < 10 && (first.get() != null || firstName.get() != null); k++) {
                    System.gc();
                }
                firstCollected = first.get() == null && firstName.get() == null;
            }
            return true;
        }
    }

    private void streamsWithoutKeeping(String separator) throws Exception {
        String mof = CLASSES + items(0, 20_000, separator);
        CountingReader reader = new CountingReader(new StringReader(mof));
        Watching sink = new Watching(reader);
        MofCompiler c = new MofCompiler().compileReader("big.mof", reader, sink);

        assertEquals(20_000, sink.received);
        assertTrue(sink.readAtFirst < mof.length() / 50, () -> "the first instance came after reading "
                + sink.readAtFirst + " of " + mof.length() + " characters");
        assertTrue(sink.firstCollected, "the compiler still held the first instance or its syntax tree");
        assertEquals(0, c.result().instanceCount());
    }

    @Test
    void deliversWhileReadingAndKeepsNothingPerInstance() throws Exception {
        streamsWithoutKeeping("\n");
    }

    @Test
    void aFileOnOneLineStreamsToo() throws Exception {
        streamsWithoutKeeping(" ");
    }

    @Test
    void resourcesStream() throws Exception {
        Collecting sink = new Collecting();
        MofCompiler c = new MofCompiler().compileResource("org/cimkit/mof/testres/main.mof", sink);
        List<CimInstance> all = new MofCompiler().compileResource("org/cimkit/mof/testres/main.mof").result()
                .namespace("root/cimv2").instances();
        // the pair uses $one and $two before they are declared, so it comes last
        assertEquals(List.of(all.get(1), all.get(2), all.get(0)), sink.instances);
        assertEquals(2, c.result().classCount());
    }
}
