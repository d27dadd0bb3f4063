package org.cimkit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The backup sample's snapshot steps with sblim wbemcli: CreateSnapshot (32768) → job → the snapshot
 * from the job by result class; ConvertToReferencePoint → job → the reference point from the job; the
 * snapshot listed from the VM before and gone after. Skipped when wbemcli is not on the PATH.
 */
@WithServer
class WbemcliSnapshotTest {
    static final String NS = Ops.VIRT;
    static String base;

    @BeforeAll
    static void start(RunningServer s) {
        base = "http://127.0.0.1:" + s.port() + "/";
    }

    static String service() {
        return base + NS + ":Msvm_VirtualSystemSnapshotService.CreationClassName=\"Msvm_VirtualSystemSnapshotService\","
                + "Name=\"vssnapsvc\",SystemCreationClassName=\"Msvm_ComputerSystem\",SystemName=\"" + Ops.HOST + "\"";
    }

    static String vm() {
        return NS + ":Msvm_ComputerSystem.CreationClassName=\"Msvm_ComputerSystem\",Name=\"" + Ops.WEB01 + "\"";
    }

    static WbemcliTest.Result run(String... args) throws Exception {
        Wbemcli.assumeAvailable();
        List<String> cmd = new ArrayList<>();
        cmd.add("wbemcli");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("LC_ALL", "C");
        Process p = pb.start();
        CompletableFuture<String> out = read(p.getInputStream());
        CompletableFuture<String> err = read(p.getErrorStream());
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("wbemcli " + String.join(" ", args) + " did not finish within 30 s");
        }
        return new WbemcliTest.Result(p.exitValue(), out.join(), err.join());
    }

    private static CompletableFuture<String> read(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "<" + e + ">";
            }
        });
    }

    /** The path wbemcli prints for an out reference parameter. */
    static String outRef(WbemcliTest.Result r, String name) {
        Matcher m = Pattern.compile(name + " \\(reference\\): ([^ ]+?)(,? \\w+ \\(reference\\)|$)").matcher(r.out().strip());
        assertTrue(m.find(), () -> name + " in " + r);
        return m.group(1);
    }

    static void awaitCompleted(String job) throws Exception {
        Await.until("job " + job + " completes", Duration.ofSeconds(30),
                () -> run("gi", base + job).ok().out().matches("(?s).*JobState=7(,|\\s|$).*"));
    }

    @Test
    void snapshotThenReferencePoint() throws Exception {
        WbemcliTest.Result created = run("cm", service(), "CreateSnapshot.SnapshotType=32768,AffectedSystem=" + vm()).ok();
        assertTrue(created.out().contains("4096"), created::toString);
        String job = outRef(created, "Job");
        awaitCompleted(job);
        List<String> snapshots = run("ain", "-arc", "Msvm_VirtualSystemSettingData", base + job).ok().lines();
        assertEquals(1, snapshots.size(), snapshots::toString);
        String snapshot = snapshots.get(0);
        String local = snapshot.substring(snapshot.indexOf('/') + 1); // wbemcli prints the server's host name first
        assertTrue(run("gi", base + local).ok().out().contains("VirtualSystemType=\"Microsoft:Hyper-V:Snapshot:Recovery\""));
        assertEquals(List.of(snapshot), run("ain", "-ac", "Msvm_SnapshotOfVirtualSystem", "-arc", "CIM_VirtualSystemSettingData",
                base + vm()).ok().lines());

        WbemcliTest.Result converted = run("cm", service(), "ConvertToReferencePoint.AffectedSnapshot=" + local).ok();
        String convertJob = outRef(converted, "Job");
        awaitCompleted(convertJob);
        List<String> rps = run("ain", "-arc", "Msvm_VirtualSystemReferencePoint", base + convertJob).ok().lines();
        assertEquals(1, rps.size(), rps::toString);
        assertTrue(rps.get(0).contains("VirtualSystemIdentifier=\"" + Ops.WEB01 + "\""), rps::toString);
        assertEquals(List.of(), run("ain", "-ac", "Msvm_SnapshotOfVirtualSystem", base + vm()).ok().lines());
    }
}
