package org.cimkit.e2e;

import java.io.File;

import org.junit.jupiter.api.Assumptions;

/** Whether sblim wbemcli is on the PATH. */
final class Wbemcli {
    /** The one reason every wbemcli test gives for skipping, so the run reports them on one line. */
    static final String MISSING = "wbemcli is not on the PATH (Debian: apt-get install sblim-wbemcli)";

    private Wbemcli() {
    }

    /** Skips the current test (counted) where wbemcli is not installed. */
    static void assumeAvailable() {
        Assumptions.assumeTrue(available(), MISSING);
    }

    static boolean available() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (new File(dir, "wbemcli").canExecute()) {
                return true;
            }
        }
        return false;
    }
}
