package org.cimkit.server.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Properties;

/**
 * A {@code --config} properties file: keys are option names without their dashes. A key that names
 * no option is an error naming the key and the closest option, so a typo does not silently leave an
 * option at its default.
 */
final class ConfigFile {
    private ConfigFile() {
    }

    /** Reads the file and checks every key against {@code known}; IllegalArgumentException for an unknown key. */
    static Properties load(Path file, Collection<String> known) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        for (String key : p.stringPropertyNames()) {
            if (!known.contains(key)) {
                String closest = closest(key, known);
                throw new IllegalArgumentException("unknown key '" + key + "' in config file " + file
                        + (closest == null ? "" : " (did you mean '" + closest + "'?)"));
            }
        }
        return p;
    }

    /** The known name nearest to {@code key} in edit distance, or null when none is near enough to be meant. */
    static String closest(String key, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(key, k);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        // more edits than half the key's length is a different word, not a typo
        return best != null && bestDistance <= Math.max(2, key.length() / 2) ? best : null;
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
