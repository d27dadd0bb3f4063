package org.cimkit.server.console;

import java.util.List;
import java.util.Map;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimMethod;
import org.cimkit.model.CimName;
import org.cimkit.model.CimParameter;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimQualifier;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;

/** A method with one parameter of every kind the method form knows, for the form's unit tests. */
final class MethodFormsFixture {
    static final CimClass SETTINGS = CimClass.builder("Test_Settings")
            .property(new CimProperty(CimName.of("InstanceID"), CimType.STRING, false, null, null, null,
                    List.of(CimQualifier.flag("Key")), null, false))
            .property(new CimProperty(CimName.of("Level"), CimType.UINT8, false, null, null, null,
                    List.of(valueMap("0", "1", "2"), values("Unknown", "Low", "High")), null, false))
            .property(new CimProperty(CimName.of("Paths"), CimType.STRING, true, null, null, null, List.of(), null, false))
            .property(new CimProperty(CimName.of("Depth"), CimType.UINT16, false, null, null,
                    new CimValue.IntegerValue(CimType.UINT16, 3), List.of(), null, false))
            .property(new CimProperty(CimName.of("Nested"), CimType.INSTANCE, false, null, null, null,
                    List.of(CimQualifier.of("EmbeddedInstance", new CimValue.StringValue("Other"))), null, false))
            .build();

    static final CimMethod METHOD = new CimMethod(CimName.of("DoIt"), CimType.UINT32, List.of(
            param("Flag", CimType.BOOLEAN, false),
            param("Count", CimType.UINT16, false),
            param("Ratio", CimType.REAL64, false),
            param("Name", CimType.STRING, false),
            param("Names", CimType.STRING, true),
            param("Numbers", CimType.SINT32, true),
            new CimParameter(CimName.of("Mode"), CimType.UINT16, false, null, null,
                    List.of(valueMap("2", "3", "..", "32768..65535"), values("Fast", "Slow", "DMTF Reserved", "Vendor"))),
            new CimParameter(CimName.of("Target"), CimType.REFERENCE, false, null, CimName.of("CIM_Collection"), List.of()),
            param("When", CimType.DATETIME, false),
            embedded("Settings", false),
            embedded("Many", true),
            new CimParameter(CimName.of("Job"), CimType.REFERENCE, false, null, CimName.of("CIM_ConcreteJob"),
                    List.of(CimQualifier.of("In", CimValue.BooleanValue.FALSE), CimQualifier.flag("Out")))),
            List.of(valueMap("0", "4096"), values("Completed", "Job Started")), null, false);

    static final MethodSignature SIGNATURE = new MethodSignature(METHOD,
            Map.of(CimName.of("Settings"), SETTINGS, CimName.of("Many"), SETTINGS));

    private MethodFormsFixture() {
    }

    private static CimParameter param(String name, CimType type, boolean array) {
        return new CimParameter(CimName.of(name), type, array, null, null, List.of(CimQualifier.flag("In")));
    }

    private static CimParameter embedded(String name, boolean array) {
        return new CimParameter(CimName.of(name), CimType.INSTANCE, array, null, null,
                List.of(CimQualifier.of("EmbeddedInstance", new CimValue.StringValue("Test_Settings"))));
    }

    static CimQualifier valueMap(String... v) {
        return CimQualifier.of("ValueMap", strings(v));
    }

    static CimQualifier values(String... v) {
        return CimQualifier.of("Values", strings(v));
    }

    private static CimValue strings(String... v) {
        return new CimValue.ArrayValue(CimType.STRING, java.util.Arrays.stream(v)
                .map(s -> (CimValue) new CimValue.StringValue(s)).toList());
    }
}
