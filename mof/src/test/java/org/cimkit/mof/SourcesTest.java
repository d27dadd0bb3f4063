package org.cimkit.mof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files, includes, classpath resources, base models and the command line. */
class SourcesTest extends MofTestSupport {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void includesAreRelativeToTheIncludingFile() throws Exception {
        write("schema/quals.mof", QUALIFIERS);
        write("schema/sub/a.mof", "class A { [Key] string Id; };\n#pragma include (\"../b.mof\")\n");
        write("schema/b.mof", "class B : A { };\ninstance of B { Id = \"x\"; };\n");
        Path top = write("schema/all.mof", "#pragma include (\"quals.mof\")\n#pragma include (\"sub/a.mof\")\n");
        NamespaceModel m = new MofCompiler().compileFile(top).result().namespace("root/cimv2");
        assertEquals(2, m.classes().size());
        assertEquals(1, m.instances().size());
    }

    @Test
    void errorsNameTheIncludedFile() throws Exception {
        write("q.mof", QUALIFIERS);
        Path bad = write("bad.mof", "class A {\n  [Kee] string Id;\n};\n");
        Path top = write("top.mof", "#pragma include (\"q.mof\")\n#pragma include (\"bad.mof\")\n");
        MofException e = assertThrows(MofException.class, () -> new MofCompiler().compileFile(top));
        assertEquals(bad + ":2:4: unknown qualifier 'Kee'", e.first().headline());
    }

    @Test
    void missingTopLevelFileIsAnIOException() {
        assertThrows(IOException.class, () -> new MofCompiler().compileFile(dir.resolve("nope.mof")));
    }

    @Test
    void classpathResourcesWithRelativeIncludes() throws Exception {
        NamespaceModel m = new MofCompiler().compileResource("org/cimkit/mof/testres/main.mof").result()
                .namespace("root/cimv2");
        assertEquals(2, m.qualifierTypes().size());
        assertEquals(2, m.classes().size());
        assertEquals(3, m.instances().size());
        CimValue.ReferenceValue a = (CimValue.ReferenceValue) m.instances().get(0).value("A");
        assertEquals(m.instances().get(1).path(), a.path());
    }

    @Test
    void missingResourceIsAnIOException() {
        assertThrows(IOException.class, () -> new MofCompiler().compileResource("org/cimkit/mof/none.mof"));
    }

    @Test
    void baseModelIsBuiltOn() throws Exception {
        CompiledModel base = compiler().compileString("base.mof", "class A { [Key] string Id; };").result();
        CompiledModel m = new MofCompiler(base).compileString("more.mof", "class B : A { string X; };").result();
        assertEquals(2, m.namespace("root/cimv2").classes().size());
        assertEquals(1, base.namespace("root/cimv2").classes().size(), "the base is not changed");
        assertThrows(UnsupportedOperationException.class, () -> m.namespace("root/cimv2").classes().clear());
        MofException e = assertThrows(MofException.class,
                () -> new MofCompiler(base).compileString("dup.mof", "class A { };"));
        assertEquals("dup.mof:1:7: duplicate class 'A'", e.first().headline());
    }

    @Test
    void successiveCompilesAccumulate() throws Exception {
        MofCompiler c = compiler();
        c.compileString("one.mof", "class A { [Key] string Id; };");
        c.compileString("two.mof", "instance of A { Id = \"1\"; };");
        assertEquals(1, c.result().instanceCount());
        assertEquals(19, c.result().qualifierTypeCount());
        assertEquals(1, c.result().classCount());
    }

    // ------------------------------------------------------------------ CLI

    private record Run(int status, String out, String err) {
    }

    private static Run main(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void cliReportsCounts() throws Exception {
        Path q = write("q.mof", QUALIFIERS);
        Path f = write("f.mof", "class A { [Key] string Id; };\ninstance of A { Id = \"1\"; };\n");
        Run r = main("--base", q.toString(), f.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals("OK: 19 qualifier types, 1 classes, 1 instances", r.out().strip());
    }

    @Test
    void cliNamespaceOption() throws Exception {
        Path f = write("f.mof", QUALIFIERS + "class A { [Key] string Id; };\n");
        assertEquals(0, main("--namespace", "root/x", f.toString()).status());
    }

    @Test
    void cliPrintsErrorsAndExitsWithOne() throws Exception {
        Path f = write("f.mof", "class A : Nope { };\n");
        Run r = main(f.toString());
        assertEquals(1, r.status());
        assertEquals(f + ":1:11: unknown superclass 'Nope'\nclass A : Nope { };\n          ^\n1 error",
                r.err().strip().replace("\r\n", "\n"));
    }

    @Test
    void cliXmlPrintsADeclarationThatReadsBack() throws Exception {
        Path f = write("f.mof", QUALIFIERS + "class A { [Key] string Id; uint32 N = 7; };\n"
                + "instance of A { Id = \"x<&\"; N = 3; };\n");
        Run r = main("--namespace", "root/test", "--xml", f.toString());
        assertEquals(0, r.status(), r.err());
        org.cimkit.model.message.Declaration d = new org.cimkit.model.xml.CimXmlReader()
                .readDeclaration(new java.io.ByteArrayInputStream(r.out().getBytes(StandardCharsets.UTF_8)));
        assertEquals(2, d.groups().size());
        assertEquals(org.cimkit.model.CimNamespace.of("root/test"), d.groups().get(0).namespace());
        org.cimkit.model.CimClass a = (org.cimkit.model.CimClass) d.groups().get(0).objects().get(0);
        assertEquals("A", a.name().value());
        org.cimkit.model.CimInstance i = (org.cimkit.model.CimInstance) d.groups().get(1).objects().get(0);
        assertEquals("x<&", ((org.cimkit.model.CimValue.StringValue) i.value("Id")).value());
        assertEquals("A.Id=\"x<&\"", i.path().local().toString());
    }

    @Test
    void cliUsage() {
        assertEquals(2, main().status());
        assertEquals(2, main("--bogus", "x.mof").status());
        assertEquals(0, main("--help").status());
        assertEquals(2, main(dir.resolve("missing.mof").toString()).status());
    }

    @Test
    void defaultNamespaceConstant() {
        assertEquals(CimNamespace.of("root/cimv2"), MofCompiler.DEFAULT_NAMESPACE);
    }
}
