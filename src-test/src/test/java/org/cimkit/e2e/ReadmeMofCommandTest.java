package org.cimkit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** README's {@code cimkit mof} example, run as a newcomer copies it, prints what README says it prints. */
class ReadmeMofCommandTest {
    private static final String COMMAND_START = "distribution/target/cimkit-*/bin/cimkit mof ";

    @Test
    void theMofCommandChecksTheFileReadmeNames() throws Exception {
        DistributionTest.home(); // skipped when the distribution has not been built
        Path project = Path.of(System.getProperty("maven.multiModuleProjectDirectory", "..")).toAbsolutePath().normalize();
        String readme = Files.readString(project.resolve("README.md"));
        List<String> commands = readme.lines().map(String::strip).filter(l -> l.startsWith(COMMAND_START)).toList();
        assertEquals(1, commands.size(), "README shows one cimkit mof example: " + commands);
        Matcher said = Pattern.compile("prints `(OK: [^`]+)`").matcher(readme.substring(readme.indexOf(commands.get(0))));
        assertTrue(said.find(), "README says what the example prints");

        ProcessBuilder pb = new ProcessBuilder("sh", "-c", commands.get(0)).directory(project.toFile())
                .redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("CIMKIT_JAVA_OPTS");
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + commands.get(0));
        assertEquals(0, p.exitValue(), out);
        assertEquals(said.group(1), out.strip());
        assertFalse(out.contains("Exception"), out);
    }
}
