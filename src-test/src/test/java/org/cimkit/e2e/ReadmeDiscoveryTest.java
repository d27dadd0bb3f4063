package org.cimkit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimObjectPath;
import org.cimkit.server.CimkitServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * README's Discovery subsection holds: each {@code wbemcli} line of its {@code ```bash discovery}
 * block, run as it stands, prints what the walk promises (the namespaces, the object manager and
 * its version, the profiles, the VMs as Virtual System's central instances, System Virtualization as
 * the profile scoping it, the host as that one's central instance, and the way back from the host);
 * and its table of profiles says what the server advertises. The README addresses 127.0.0.1:5988;
 * the test swaps in its server's port.
 */
@WithServer
class ReadmeDiscoveryTest {
    static final String FENCE = "```bash discovery";
    static RunningServer server;

    @BeforeAll
    static void start(RunningServer s) {
        server = s;
    }

    /** The block's wbemcli lines (comments and blank lines left out), each run on its own, with its output. */
    private static Map<String, String> runBlock() throws Exception {
        List<String> blocks = ReadmeCommandsTest.blocks(FENCE);
        assertEquals(1, blocks.size(), "README.md has one " + FENCE + " block");
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : blocks.get(0).split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            assertTrue(line.startsWith("wbemcli "), () -> "the discovery block holds wbemcli lines only: " + line);
            String cmd = line.replace("127.0.0.1:5988", "127.0.0.1:" + server.port());
            Process p = new ProcessBuilder("bash", "-c", cmd).redirectErrorStream(true).start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + line);
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), () -> line + "\n" + output);
            assertFalse(output.isBlank(), "no output from: " + line);
            out.put(line, output);
        }
        return out;
    }

    /** The output of the one line that matches. */
    private static String outputOf(Map<String, String> outputs, String what, Predicate<String> line) {
        List<String> found = outputs.keySet().stream().filter(line).toList();
        assertEquals(1, found.size(), () -> "one README discovery line " + what + ": " + outputs.keySet());
        return outputs.get(found.get(0));
    }

    private static void assertContains(String output, String... fragments) {
        for (String f : fragments) {
            assertTrue(output.contains(f), () -> "missing " + f + " in:\n" + output);
        }
    }

    @Test
    void theReadmeWalkPrintsWhatItPromises() throws Exception {
        Wbemcli.assumeAvailable();
        Map<String, String> outputs = runBlock();

        assertContains(outputOf(outputs, "listing the namespaces", l -> l.contains(":CIM_Namespace")),
                "Name=\"root/interop\"", "Name=\"root/cimv2\"", "Name=\"root/virtualization/v2\"");
        assertContains(outputOf(outputs, "reading the object manager", l -> l.contains(":CIM_ObjectManager")),
                "ElementName=\"Cimkit\"", "Description=\"Cimkit CIM Server version " + CimkitServer.VERSION + "\"");
        String profiles = outputOf(outputs, "reading the profiles", l -> l.startsWith("wbemcli ei ") && l.contains(
                ":CIM_RegisteredProfile"));
        for (AdvertisedProfiles.Profile p : AdvertisedProfiles.ALL) {
            assertContains(profiles, "InstanceID=\"" + p.instanceId() + "\"", "RegisteredName=\"" + p.name() + "\"",
                    "RegisteredVersion=\"" + p.version() + "\"");
        }
        assertContains(outputOf(outputs, "with Virtual System's central instances", l -> l.contains(
                "-ac CIM_ElementConformsToProfile") && l.contains("Virtual System+")),
                "Name=\"" + Ops.WEB01 + "\"", "Name=\"" + Ops.DB01 + "\"", "Name=\"" + Ops.BUILD01 + "\"");
        String scoping = outputOf(outputs, "with the scoping profile", l -> l.contains("-ac CIM_ReferencedProfile"));
        assertContains(scoping, "InstanceID=\"" + AdvertisedProfiles.named(AdvertisedProfiles.SYSTEM_VIRTUALIZATION)
                .instanceId() + "\"");
        assertEquals(1, scoping.strip().lines().count(), () -> "exactly one scoping profile:\n" + scoping);
        assertContains(outputOf(outputs, "with System Virtualization's central instance", l -> l.contains(
                "-ac CIM_ElementConformsToProfile") && l.contains("System Virtualization+")),
                "root/virtualization/v2:Msvm_ComputerSystem", "Name=\"" + Ops.HOST + "\"");
        assertContains(outputOf(outputs, "from the host back", l -> l.contains("-ac CIM_ElementConformsToProfile") && l
                .contains(Ops.HOST)), "root/interop:CIM_RegisteredProfile", "System Virtualization+");
    }

    /** The table's rows: profile, version, central instances, scoped by ("—" for none). */
    private static List<List<String>> tableRows() throws Exception {
        List<String> lines = Files.readAllLines(ReadmeCommandsTest.readme());
        int at = lines.indexOf("### Discovery");
        assertTrue(at >= 0, "README.md has a ### Discovery subsection");
        List<List<String>> rows = new ArrayList<>();
        boolean inTable = false;
        for (String l : lines.subList(at + 1, lines.size())) {
            if (l.startsWith("## ") || l.startsWith("### ")) { // the next section (the code block's comments start with "# ")
                break;
            }
            if (l.startsWith("| Profile |")) {
                inTable = true;
            } else if (inTable && l.startsWith("|") && !l.startsWith("|---")) {
                List<String> cells = new ArrayList<>();
                for (String c : l.substring(1, l.length() - 1).split("\\|")) {
                    cells.add(c.strip());
                }
                rows.add(cells);
            } else if (inTable && !l.startsWith("|")) {
                break;
            }
        }
        assertFalse(rows.isEmpty(), "the Discovery subsection has a table of profiles");
        return rows;
    }

    @Test
    void theReadmeTableListsTheProfilesTheServerAdvertises() throws Exception {
        WbemServerWalk walk = new WbemServerWalk(server.client());
        Set<String> advertised = new HashSet<>();
        for (CimInstance p : walk.profiles()) {
            List<CimObjectPath> scoping = walk.scopingProfiles(p.path());
            String scopedBy = "—";
            if (!scoping.isEmpty()) {
                assertEquals(1, scoping.size(), scoping::toString);
                scopedBy = Ops.text(walk.getInstance(scoping.get(0)), "RegisteredName");
            }
            advertised.add(Ops.text(p, "RegisteredName") + " | " + Ops.text(p, "RegisteredVersion") + " | " + scopedBy);
        }
        Set<String> documented = new HashSet<>();
        for (List<String> row : tableRows()) {
            assertEquals(4, row.size(), row::toString);
            documented.add(row.get(0) + " | " + row.get(1) + " | " + row.get(3));
        }
        assertEquals(advertised, documented, "README's profiles (name | version | scoped by) against the server's");
    }
}
