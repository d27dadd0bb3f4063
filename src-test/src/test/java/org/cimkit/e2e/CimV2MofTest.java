package org.cimkit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimNamespace;
import org.cimkit.mof.MofError;
import org.cimkit.mof.MofException;
import org.cimkit.server.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --mof root/cimv2=FILE} on the shipped root/cimv2 (issue 13): a file that adds classes and
 * instances extends it; a file that redefines a shipped class stops start-up with an error naming
 * the file, line and class (OpenPegasus's cimmofl keeps the old class with a warning, or with -uc
 * refuses to change a class that has subclasses: silently keeping the old class would drop the
 * user's change, so Cimkit refuses, as its ModifyClass does).
 */
class CimV2MofTest {
    private static final String CIMV2 = "root/cimv2";

    @TempDir
    Path tmp;

    private static ServerSpec with(Path mof) {
        return ServerSpec.inProcess().withTempDataDir()
                .withConfig(c -> c.withExtraMof(List.of(new ServerConfig.ExtraMof(CimNamespace.of(CIMV2), mof))));
    }

    @Test
    void aFileThatAddsClassesAndInstancesExtendsRootCimv2() throws Exception {
        Path mof = Files.writeString(tmp.resolve("extend.mof"), """
                [Description("A site's own element")]
                class Site_Element : CIM_ManagedElement {
                    [Key] string Id;
                };
                instance of Site_Element { Id = "one"; Caption = "first"; };
                instance of Site_Element { Id = "two"; };
                """);
        try (RunningServer s = with(mof).start()) {
            CimClient c = s.client();
            CimClass added = Ops.getClass(c, CIMV2, "Site_Element");
            assertEquals("CIM_ManagedElement", added.superclass().value());
            assertEquals(2, Ops.instanceNames(c, CIMV2, "Site_Element").size());
            assertEquals(2, Ops.instanceNames(c, CIMV2, "CIM_ManagedElement").stream()
                    .filter(p -> p.className().is("Site_Element")).count(), "found through the shipped superclass");
            assertNull(Ops.getClass(c, CIMV2, "CIM_ManagedElement").property("Id"), "the shipped class is unchanged");
            assertNotNull(Ops.getClass(c, CIMV2, "CIM_ComputerSystem"), "the rest of the core stays");
        }
    }

    @Test
    void aFileThatRedefinesAShippedClassStopsStartUpNamingFileLineAndClass() throws Exception {
        Path mof = Files.writeString(tmp.resolve("redefine.mof"), """
                class Site_Element : CIM_ManagedElement { [Key] string Id; };

                class CIM_ManagedElement {
                    string Caption;
                    string Extra;
                };
                """);
        MofException e = assertThrows(MofException.class, () -> with(mof).start().close());
        MofError first = e.first();
        assertTrue(first.file().endsWith("redefine.mof"), first::headline);
        assertEquals(3, first.line(), first::headline);
        assertTrue(first.message().contains("CIM_ManagedElement"), first::headline);
    }

    @Test
    void theServerCommandSaysSoAndExitsWith2() throws Exception {
        Path mof = Files.writeString(tmp.resolve("redefine.mof"), "class CIM_ManagedElement { string Extra; };\n");
        ServerProcess p = ServerProcess.launch("--http-port", "0", "--data-dir", tmp.resolve("d").toString(), "--mof",
                CIMV2 + "=" + mof);
        try {
            assertEquals(2, p.waitFor(60));
            assertTrue(p.stderr().contains("redefine.mof:1:") && p.stderr().contains("'CIM_ManagedElement'"), p::stderr);
        } finally {
            p.close();
        }
    }
}
