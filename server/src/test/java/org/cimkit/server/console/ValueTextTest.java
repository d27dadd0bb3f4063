package org.cimkit.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.cimkit.model.CimMethod;
import org.cimkit.model.CimName;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.junit.jupiter.api.Test;

/** Values named from a ValueMap the way Hyper-V's method return codes are declared. */
class ValueTextTest {
    /** The DMTF job-method map: ".." (DMTF Reserved) listed before 4096. */
    private static final CimMethod METHOD = new CimMethod(CimName.of("CreateSnapshot"), CimType.UINT32, List.of(),
            List.of(MethodFormsFixture.valueMap("0", "4", "..", "4096", "4097..32767", "32768..65535"),
                    MethodFormsFixture.values("Completed with No Error", "Invalid Parameter", "DMTF Reserved",
                            "Method Parameters Checked - Job Started", "Method Reserved", "Vendor Specific")),
            null, false);

    private static String of(long v) {
        return ValueText.of(new CimValue.IntegerValue(CimType.UINT32, v), METHOD);
    }

    @Test
    void aListedValueWinsOverTheBareRangeBeforeIt() {
        // was "4096 (DMTF Reserved)": the bare ".." matched every value
        assertEquals("4096 (Method Parameters Checked - Job Started)", of(4096));
        assertEquals("4 (Invalid Parameter)", of(4));
    }

    @Test
    void rangesAndTheRestAreNamedToo() {
        assertEquals("5000 (Method Reserved)", of(5000));
        assertEquals("32769 (Vendor Specific)", of(32769));
        assertEquals("7 (DMTF Reserved)", of(7));
    }
}
