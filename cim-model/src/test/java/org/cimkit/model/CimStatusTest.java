package org.cimkit.model;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CimStatusTest {

    @Test
    void codesAreZeroToSeventeenAndTwentyToTwentyEight() {
        int[] expected = IntStream.concat(IntStream.rangeClosed(0, 17), IntStream.rangeClosed(20, 28)).toArray();
        int[] actual = Arrays.stream(CimStatus.values()).mapToInt(CimStatus::code).sorted().toArray();
        assertArrayEquals(expected, actual);
        for (int code : expected) {
            assertEquals(code, CimStatus.fromCode(code).code());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {18, 19, 29, -1, 100})
    void unknownCodesRefused(int code) {
        assertThrows(IllegalArgumentException.class, () -> CimStatus.fromCode(code));
    }

    @ParameterizedTest
    @CsvSource({"1,CIM_ERR_FAILED", "3,CIM_ERR_INVALID_NAMESPACE", "5,CIM_ERR_INVALID_CLASS", "6,CIM_ERR_NOT_FOUND",
            "7,CIM_ERR_NOT_SUPPORTED", "13,CIM_ERR_TYPE_MISMATCH", "14,CIM_ERR_QUERY_LANGUAGE_NOT_SUPPORTED",
            "17,CIM_ERR_METHOD_NOT_FOUND", "20,CIM_ERR_NAMESPACE_NOT_EMPTY", "21,CIM_ERR_INVALID_ENUMERATION_CONTEXT",
            "26,CIM_ERR_CONTINUATION_ON_ERROR_NOT_SUPPORTED", "28,CIM_ERR_SERVER_IS_SHUTTING_DOWN"})
    void symbols(int code, String symbol) {
        assertEquals(symbol, CimStatus.fromCode(code).symbol());
    }

    @Test
    void exceptionDescription() {
        CimException e = new CimException(CimStatus.NOT_FOUND, "no such instance");
        assertEquals(CimStatus.NOT_FOUND, e.status());
        assertEquals("CIM_ERR_NOT_FOUND: no such instance", e.description());
        assertThrows(NullPointerException.class, () -> new CimException(null, "x"));
    }
}
