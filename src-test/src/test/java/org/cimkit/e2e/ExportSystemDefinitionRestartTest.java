package org.cimkit.e2e;

import static org.cimkit.e2e.RefPoints.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimObjectPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server restart in the middle of an ExportSystemDefinition job: the files it had written were
 * still temp files (registered as the job's scratch files), so none is left, and the job reads 10.
 */
class ExportSystemDefinitionRestartTest {
    @TempDir
    Path data;
    @TempDir
    Path exports;

    @Test
    void restartDuringAnExportLeavesNoFiles() throws Exception {
        Path dir = exports.resolve("held");
        CimObjectPath held;
        try (RunningServer s = ServerSpec.inProcess().withDataDir(data).withConfig(c -> c.withExportRoot(exports)).start()) {
            ExportSystemDefinitionTest.client = s.client();
            CimInstance snapshot = ExportSystemDefinitionTest.recoverySnapshot(WEB);
            Result r = ExportSystemDefinitionTest.export(WEB, dir, ExportSystemDefinitionTest.edited(WEB, snapshot, null,
                    "CimkitFaultInjection", str("hang-at=40")));
            assertEquals(4096, r.code());
            held = r.job();
            Await.until("two of the three files are written and the job holds", Duration.ofSeconds(30),
                    () -> uint(get(s.client(), r.job()), "PercentComplete") >= 40);
            List<Path> temps = ExportSystemDefinitionTest.files(dir);
            assertEquals(2, temps.size(), "written so far, as temp files: " + temps);
            assertFalse(temps.stream().anyMatch(p -> !p.getFileName().toString().endsWith(".tmp")), temps::toString);
        }
        try (RunningServer s = ServerSpec.inProcess().withDataDir(data).withConfig(c -> c.withExportRoot(exports)).start()) {
            CimInstance j = get(s.client(), held);
            assertNotNull(j, "the job survives the restart");
            assertEquals(10, uint(j, "JobState"));
            assertEquals(List.of(), ExportSystemDefinitionTest.files(dir), "no file of the interrupted export is left");
            assertEquals(0, Files.list(exports).filter(Files::isRegularFile).count());
        }
    }
}
