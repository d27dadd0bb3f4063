package org.cimkit.e2e;

import java.io.File;

/** Whether sblim wbemcli is on the PATH. */
final class Wbemcli {
    private Wbemcli() {
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
