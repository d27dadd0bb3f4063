package org.cimkit.bench.suite;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.cimkit.mof.CompiledModel;
import org.cimkit.mof.MofCompiler;

/**
 * Times one MOF compile of a generated repository in this process, for runs with a small heap and
 * a GC log, e.g.
 * {@code java -Xmx64m -Xlog:gc:file=gc.log -cp benchmarks/target/benchmarks.jar org.cimkit.bench.suite.MofStreamRun stream FILE}.
 * <ul>
 * <li>{@code generate FILE ITEMS}: {@link BenchMof}'s repository with ITEMS {@code Bench_Item} and
 * 1 000 string-path links, then 1 000 more items with aliases, each followed by a link that uses
 * its alias and the next one's (a forward use).</li>
 * <li>{@code stream FILE}: {@code compileFile(file, sink)} with a sink that only counts.</li>
 * <li>{@code model FILE}: the all-or-nothing {@code compileFile(file)}.</li>
 * </ul>
 */
public final class MofStreamRun {
    private static final int LINKS = 1_000;
    private static final int ALIASED = 1_000;

    private MofStreamRun() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[1]);
        long t0 = System.nanoTime();
        String outcome = switch (args[0]) {
            case "generate" -> generate(file, Integer.parseInt(args[2]));
            case "stream" -> stream(file);
            case "model" -> model(file);
            default -> throw new IllegalArgumentException("generate, stream or model, not " + args[0]);
        };
        System.out.printf("%s %s: %s in %d ms%n", args[0], file, outcome, (System.nanoTime() - t0) / 1_000_000);
    }

    private static String generate(Path file, int items) throws IOException {
        BenchMof.write(file, items, LINKS);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND)) {
            for (int k = 0; k < ALIASED; k++) {
                w.write("instance of " + BenchMof.ITEM + " as $a" + k + " {\n   InstanceID = \"aliased-" + k + "\";\n};\n");
                w.write("instance of " + BenchMof.LINK + " {\n   Antecedent = $a" + k + ";\n   Dependent = $a"
                        + (k + 1) % ALIASED + ";\n};\n");
            }
        }
        return Files.size(file) / 1_000_000 + " MB";
    }

    private static String stream(Path file) throws Exception {
        long[] count = {0};
        MofCompiler c = new MofCompiler().compileFile(file, (ns, cls, instance) -> {
            count[0]++;
            return true;
        });
        return count[0] + " instances streamed, " + c.result().classCount() + " classes kept";
    }

    private static String model(Path file) throws Exception {
        CompiledModel m = new MofCompiler().compileFile(file).result();
        return m.instanceCount() + " instances, " + m.classCount() + " classes kept";
    }
}
