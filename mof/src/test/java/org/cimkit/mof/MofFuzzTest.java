package org.cimkit.mof;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;

/**
 * The MOF compiler may refuse anything, but only with a {@link MofException}. In {@code mvn verify}
 * this runs the seed corpus in {@code src/test/resources/org/cimkit/mof/MofFuzzTestInputs/compile/};
 * to fuzz for real: {@code JAZZER_FUZZ=1 mvn -pl mof -am test -Dtest=MofFuzzTest
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class MofFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void compile(@NotNull String text) {
        try {
            new MofCompiler().compileString("fuzz.mof", text);
        } catch (MofException expected) {
            // refused: fine
        }
    }
}
