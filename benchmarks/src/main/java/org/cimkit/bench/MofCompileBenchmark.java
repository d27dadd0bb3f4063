package org.cimkit.bench;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.cimkit.mof.CompiledModel;
import org.cimkit.mof.MofCompiler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Compiles the DMTF CIM Schema 2.41 root file (with every include) into root/cimv2. Run with
 * {@code -p file=.../DMTF/cim_schema_2.41.0.mof}; the default assumes the working directory is
 * the project root with ../shared next to it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MofCompileBenchmark {
    @Param("../shared/data/dmtf-cim-schema-2.41/DMTF/cim_schema_2.41.0.mof")
    public String file;

    @Benchmark
    public int compileDmtf241() throws Exception {
        CompiledModel m = new MofCompiler().compileFile(Path.of(file)).result();
        return m.namespaces().size();
    }
}
