package org.cimkit.bench.suite;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Writes results.json and results.md: every number with median, min, max and runs, and the machine. */
final class Report {
    private Report() {
    }

    static String machine() {
        String cpu = "?";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("?");
        } catch (IOException e) {
            // not Linux
        }
        String mem = "?";
        try {
            mem = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024 / 1024 + " GiB").findFirst().orElse("?");
        } catch (IOException e) {
            // not Linux
        }
        String load = "?";
        try {
            load = Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            // not Linux
        }
        return cpu + ", " + Runtime.getRuntime().availableProcessors() + " CPUs, " + mem + " RAM; "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + "; load average at the end: "
                + load + "; Java " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
    }

    static void write(Path out, List<Stats> results, String server, String serverCommandLine, boolean quick,
            List<String> log)
            throws IOException {
        String machine = machine();
        String driverJvm = String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments());
        StringBuilder j = new StringBuilder();
        j.append("{\n  \"date\": ").append(q(Instant.now().toString())).append(",\n");
        j.append("  \"machine\": ").append(q(machine)).append(",\n");
        j.append("  \"server\": ").append(q(server)).append(",\n");
        j.append("  \"serverCommandLine\": ").append(q(serverCommandLine)).append(",\n");
        j.append("  \"driverJvmFlags\": ").append(q(driverJvm)).append(",\n");
        j.append("  \"quick\": ").append(quick).append(",\n  \"results\": [\n");
        for (int i = 0; i < results.size(); i++) {
            Stats s = results.get(i);
            j.append("    {\"scenario\": ").append(q(s.scenario)).append(", \"metric\": ").append(q(s.metric))
                    .append(", \"unit\": ").append(q(s.unit)).append(", \"median\": ").append(num(s.median()))
                    .append(", \"min\": ").append(num(s.min())).append(", \"max\": ").append(num(s.max()))
                    .append(", \"runs\": ").append(s.values.toString().replace("NaN", "null")).append(", \"target\": ")
                    .append(q(s.target)).append(", \"verdict\": ").append(q(s.verdict())).append(", \"note\": ")
                    .append(q(s.note)).append('}').append(i + 1 < results.size() ? ",\n" : "\n");
        }
        j.append("  ]\n}\n");
        Files.writeString(out.resolve("results.json"), j, StandardCharsets.UTF_8);

        StringBuilder m = new StringBuilder();
        m.append("# Cimkit benchmark results\n\n");
        m.append("- date: ").append(Instant.now()).append(quick ? " (quick mode: fewer and shorter runs)" : "").append('\n');
        m.append("- machine: ").append(machine).append('\n');
        m.append("- server: ").append(server).append('\n');
        m.append("- server JVM as started (from /proc): `").append(serverCommandLine).append("`\n");
        m.append("- driver JVM flags: `").append(driverJvm).append("` (driver and server share the machine)\n\n");
        m.append("| scenario | metric | median | spread (min – max) | runs | target | verdict |\n");
        m.append("|---|---|---:|---|---:|---|---|\n");
        for (Stats s : results) {
            String med = s.values.isEmpty() ? "–" : fmt(s.median()) + " " + s.unit;
            String spread = s.values.size() < 2 ? "" : fmt(s.min()) + " – " + fmt(s.max());
            String verdict = s.verdict() + (s.note.isEmpty() ? "" : " (" + s.note.replace("|", "/") + ")");
            m.append("| ").append(s.scenario).append(" | ").append(s.metric).append(" | ").append(med).append(" | ")
                    .append(spread).append(" | ").append(s.values.size()).append(" | ").append(s.target).append(" | ")
                    .append(verdict.replace("\n", " ")).append(" |\n");
        }
        Files.writeString(out.resolve("results.md"), m, StandardCharsets.UTF_8);
        Files.write(out.resolve("suite.log"), log, StandardCharsets.UTF_8);
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        double a = Math.abs(v);
        String f = a >= 1000 ? "%,.0f" : a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, f, v).replace(',', ' ');
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "null" : Double.toString(v);
    }

    private static String q(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : (s == null ? "" : s).toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
