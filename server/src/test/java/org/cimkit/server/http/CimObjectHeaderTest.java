package org.cimkit.server.http;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CimObjectHeaderTest {
    private static final CimNamespace NS = CimNamespace.of("root/cimv2");
    private static final CimObjectPath CLASS = CimObjectPath.forClass(NS, CimName.of("CIM_Foo"));
    private static final CimObjectPath BAR = CimObjectPath.forInstance(NS, CimName.of("CIM_Bar"),
            List.of(CimKeyBinding.of("Id", "x")));
    private static final CimObjectPath INSTANCE = CimObjectPath.forInstance(NS, CimName.of("CIM_Foo"), List.of(
            CimKeyBinding.of("Name", "abc"),
            CimKeyBinding.of("Num", CimValue.IntegerValue.uint32(5)),
            CimKeyBinding.of("Flag", CimValue.BooleanValue.of(true)),
            CimKeyBinding.of("When", new CimValue.DateTimeValue(org.cimkit.model.CimDateTime.parse("20240101000000.000000+000"))),
            CimKeyBinding.of("Ref", new CimValue.ReferenceValue(BAR))));

    private static void matches(String header, CimObjectPath target) {
        assertDoesNotThrow(() -> CimObjectHeader.matchTarget(header, target));
    }

    private static void mismatch(String header, CimObjectPath target) {
        HttpFailure f = assertThrows(HttpFailure.class, () -> CimObjectHeader.matchTarget(header, target), header);
        assertEquals(400, f.status);
        assertEquals("header-mismatch", f.cimError);
    }

    @Test
    void classTargets() {
        matches("root/cimv2:CIM_Foo", CLASS);
        matches("ROOT/CIMV2:cim_foo", CLASS);
        mismatch("root/cimv2", CLASS);
        mismatch("CIM_Foo", CLASS);
        mismatch("root/other:CIM_Foo", CLASS);
        mismatch("root/cimv2:CIM_Bar", CLASS);
        mismatch("root/cimv2:CIM_Foo.Name=\"abc\"", CLASS);
        mismatch("root/cimv2:CIM_Foo.", CLASS);
        mismatch("not a path at all", CLASS);
    }

    @Test
    void instanceTargetsCompareKeysAsCimValues() {
        String keys = "Name=\"abc\",Num=5,Flag=TRUE,When=\"20240101000000.000000+000\","
                + "Ref=\"root/cimv2:CIM_Bar.Id=\\\"x\\\"\"";
        matches("root/cimv2:CIM_Foo." + keys, INSTANCE);
        // any key order, names in any case, a number with another lexical form
        matches("root/cimv2:cim_foo.ref=\"root/cimv2:CIM_Bar.Id=\\\"x\\\"\",FLAG=true,num=0x5,When=\"20240101000000.000000+000\","
                + "name=\"abc\"", INSTANCE);
        // a reference given without its namespace, or with a host
        matches("root/cimv2:CIM_Foo." + keys.replace("root/cimv2:CIM_Bar", "CIM_Bar"), INSTANCE);
        matches("root/cimv2:CIM_Foo." + keys.replace("root/cimv2:CIM_Bar", "//srv/root/cimv2:CIM_Bar"), INSTANCE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "root/cimv2:CIM_Foo",
            "root/cimv2:CIM_Foo.Name=\"ABC\",Num=5,Flag=TRUE,When=\"20240101000000.000000+000\",Ref=\"root/cimv2:CIM_Bar.Id=\\\"x\\\"\"",
            "root/cimv2:CIM_Foo.Name=\"abc\",Num=6,Flag=TRUE,When=\"20240101000000.000000+000\",Ref=\"root/cimv2:CIM_Bar.Id=\\\"x\\\"\"",
            "root/cimv2:CIM_Foo.Name=\"abc\",Num=5,Flag=FALSE,When=\"20240101000000.000000+000\",Ref=\"root/cimv2:CIM_Bar.Id=\\\"x\\\"\"",
            "root/cimv2:CIM_Foo.Name=\"abc\",Num=5,Flag=TRUE,When=\"20240101000001.000000+000\",Ref=\"root/cimv2:CIM_Bar.Id=\\\"x\\\"\"",
            "root/cimv2:CIM_Foo.Name=\"abc\",Num=5,Flag=TRUE,When=\"20240101000000.000000+000\",Ref=\"root/cimv2:CIM_Bar.Id=\\\"y\\\"\"",
            "root/cimv2:CIM_Foo.Name=\"abc\",Num=5,Flag=TRUE,When=\"20240101000000.000000+000\",Ref=\"root/x:CIM_Bar.Id=\\\"x\\\"\"",
            "root/cimv2:CIM_Foo.Name=\"abc\",Num=5,Flag=TRUE,When=\"20240101000000.000000+000\"",
            "root/cimv2:CIM_Foo.Name=\"abc\",Num=5,Flag=TRUE,When=\"20240101000000.000000+000\",Ref=\"root/cimv2:CIM_Bar.Id=\\\"x\\\"\",X=1",
            "root/cimv2:CIM_Foo.Other=\"abc\",Num=5,Flag=TRUE,When=\"20240101000000.000000+000\",Ref=\"root/cimv2:CIM_Bar.Id=\\\"x\\\"\""})
    void instanceMismatches(String header) {
        mismatch(header, INSTANCE);
    }

    /** Whatever a client puts in CIMObject, the answer is a match or a header-mismatch, never another exception. */
    @Test
    void garbageHeadersNeverEscapeAsOtherExceptions() {
        java.util.Random random = new java.util.Random(11);
        String alphabet = "root/cimv2:CIM_Foo.Name=\"\\,.:/=\" 09xX-+TRUE//";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            int n = random.nextInt(24);
            for (int j = 0; j < n; j++) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String header = b.toString();
            for (CimObjectPath target : new CimObjectPath[] {CLASS, INSTANCE}) {
                try {
                    CimObjectHeader.matchTarget(header, target);
                } catch (HttpFailure f) {
                    assertEquals("header-mismatch", f.cimError, header);
                }
            }
            try {
                CimObjectHeader.matchNamespace(header, NS);
            } catch (HttpFailure f) {
                assertEquals("header-mismatch", f.cimError, header);
            }
        }
    }

    @Test
    void intrinsicCallsCompareTheNamespace() {
        assertDoesNotThrow(() -> CimObjectHeader.matchNamespace("Root/CIMv2", NS));
        assertEquals("header-mismatch", assertThrows(HttpFailure.class,
                () -> CimObjectHeader.matchNamespace("root/other", NS)).cimError);
        assertEquals("header-mismatch", assertThrows(HttpFailure.class,
                () -> CimObjectHeader.matchNamespace("root//cimv2:", NS)).cimError);
    }
}
