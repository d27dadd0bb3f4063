package org.cimkit.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;

/**
 * The read-only reference material (DTD, DMTF schema) some checks need. Its location is the
 * {@code cimkit.shared} system property (the parent pom passes {@code ../shared} relative to the
 * reactor root) and it may be absent on a clone: checks that need it skip, with a reason that
 * {@link SkipReport} prints on the console.
 */
public final class SharedMaterial {
    /** The DSP0203 CIM-XML DTD that response bodies are validated against. */
    public static final String DTD = "spec/dtd/DSP0203_2.4.0.dtd";
    /** The whole DMTF CIM Schema 2.41 in one MOF file. */
    public static final String DMTF_SCHEMA = "data/dmtf-cim-schema-2.41/DMTF/cim_schema_2.41.0.mof";

    private SharedMaterial() {
    }

    public static Path root() {
        return Path.of(System.getProperty("cimkit.shared", "../shared"));
    }

    public static Path path(String relative) {
        return root().resolve(relative);
    }

    /** The file, if it is there to be read. */
    public static Optional<Path> find(String relative) {
        Path p = path(relative);
        return Files.isRegularFile(p) && Files.isReadable(p) ? Optional.of(p) : Optional.empty();
    }

    /** Why a check that needs {@code relative} cannot run. */
    public static String absence(String relative) {
        return path(relative) + " not found (set -Dcimkit.shared)";
    }

    /** The file, or the current test aborts (counted as skipped) naming what is missing. */
    public static Path require(String relative) {
        Optional<Path> p = find(relative);
        Assumptions.assumeTrue(p.isPresent(), () -> absence(relative));
        return p.orElseThrow();
    }
}
