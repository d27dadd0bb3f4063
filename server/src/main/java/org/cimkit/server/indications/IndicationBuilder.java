package org.cimkit.server.indications;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import org.cimkit.model.CimDateTime;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.server.changes.InstanceChange;
import org.cimkit.server.changes.MethodCall;

/**
 * Builds the indication instances of DSP1054 from what the change hook reports: CIM_InstCreation,
 * CIM_InstModification (with PreviousInstance), CIM_InstDeletion, CIM_InstMethodCall and the
 * CIM_AlertIndication of a failed job. Embedded instances are carried as EmbeddedObject values
 * (written as escaped INSTANCE text without a path); IndicationFilterName and the sequence
 * properties are added per subscription and per destination later.
 */
final class IndicationBuilder {
    static final CimName CREATION = CimName.of("CIM_InstCreation");
    static final CimName MODIFICATION = CimName.of("CIM_InstModification");
    static final CimName DELETION = CimName.of("CIM_InstDeletion");
    static final CimName METHOD_CALL = CimName.of("CIM_InstMethodCall");
    static final CimName ALERT = CimName.of("CIM_AlertIndication");
    /** The class of the embedded MethodParameters instance (DSP1054, CIM_InstMethodCall). */
    static final CimName METHOD_PARAMETERS = CimName.of("__MethodParameters");

    // CIM_AlertIndication value maps
    private static final int ALERT_TYPE_PROCESSING_ERROR = 4;
    private static final int SEVERITY_MAJOR = 5;
    private static final int PROBABLE_CAUSE_OTHER = 1;
    private static final int ELEMENT_FORMAT_OBJECT_PATH = 2;

    private final String host;
    private final Clock clock;

    /** @param host the server's host name, sent as SourceInstanceHost */
    IndicationBuilder(String host, Clock clock) {
        this.host = host;
        this.clock = clock;
    }

    CimDateTime now() {
        return CimDateTime.of(OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
    }

    /** The lifecycle indication of a change; {@code previous} overrides a modification's old content (coalescing). */
    CimInstance lifecycle(InstanceChange change, CimInstance previous) {
        CimName cls = change instanceof InstanceChange.Created ? CREATION
                : change instanceof InstanceChange.Modified ? MODIFICATION : DELETION;
        CimInstance.Builder b = source(cls, change.namespace(), change.instance());
        if (change instanceof InstanceChange.Modified m) {
            b.property("PreviousInstance", embedded(previous != null ? previous : m.previous()));
        }
        return b.build();
    }

    /**
     * CIM_InstMethodCall after the call (PreCall FALSE): MethodParameters holds the output parameters, as
     * DSP1054 has it for a call that returned (the inputs are the caller's business, and may be secrets a
     * reader of the namespace has no right to); the return value as text.
     */
    CimInstance methodCall(MethodCall call, CimInstance target) {
        CimInstance.Builder params = CimInstance.builder(METHOD_PARAMETERS);
        for (Map.Entry<String, CimValue> e : call.out().entrySet()) {
            params.putProperty(CimProperty.of(e.getKey(), parameter(e.getValue())));
        }
        CimInstance source = target != null ? target : CimInstance.builder(call.target().className()).build();
        return source(METHOD_CALL, call.namespace(), source.withPath(call.target().local()))
                .property("MethodName", call.method().value())
                .property("MethodParameters", embedded(params.build()))
                .property("ReturnValue", call.returnValue() == null || call.returnValue().isNull()
                        ? CimValue.NullValue.of(CimType.STRING) : new CimValue.StringValue(lexical(call.returnValue())))
                .property("PreCall", CimValue.BooleanValue.FALSE)
                .build();
    }

    /**
     * The alert of a job that ended in state Exception: a processing error, severity major, about the
     * element the job worked on (the job itself when it names none), with the job's error.
     */
    CimInstance jobFailed(CimNamespace ns, CimInstance job, CimObjectPath affected) {
        CimObjectPath jobPath = job.path().withNamespace(ns);
        CimObjectPath about = affected != null ? affected : jobPath;
        String error = text(job.value("ErrorDescription"));
        String code = job.value("ErrorCode") == null || job.value("ErrorCode").isNull() ? "?" : lexical(job.value("ErrorCode"));
        String name = text(job.value("InstanceID"));
        CimDateTime now = now();
        return CimInstance.builder(ALERT)
                .property("IndicationTime", new CimValue.DateTimeValue(now))
                .property("AlertType", CimValue.IntegerValue.uint16(ALERT_TYPE_PROCESSING_ERROR))
                .property("PerceivedSeverity", CimValue.IntegerValue.uint16(SEVERITY_MAJOR))
                .property("ProbableCause", CimValue.IntegerValue.uint16(PROBABLE_CAUSE_OTHER))
                .property("ProbableCauseDescription", "job failed")
                .property("Description", "job " + name + " failed with error " + code + ": " + error)
                .property("AlertingManagedElement", about.toString())
                .property("AlertingElementFormat", CimValue.IntegerValue.uint16(ELEMENT_FORMAT_OBJECT_PATH))
                .property("EventID", name)
                .property("EventTime", new CimValue.DateTimeValue(now))
                .property("SystemName", host)
                .property("ProviderName", "Cimkit job engine")
                .property("MessageArguments", CimValue.ArrayValue.of(CimType.STRING,
                        new CimValue.StringValue(jobPath.toString()), new CimValue.StringValue(code),
                        new CimValue.StringValue(error)))
                .build();
    }

    private CimInstance.Builder source(CimName cls, CimNamespace ns, CimInstance instance) {
        return CimInstance.builder(cls)
                .property("IndicationTime", new CimValue.DateTimeValue(now()))
                .property("SourceInstance", embedded(instance))
                .property("SourceInstanceModelPath", instance.path().withNamespace(ns).toString())
                .property("SourceInstanceHost", host);
    }

    /** An embedded instance as DSP1054 sends it: EmbeddedObject, no path. */
    static CimValue embedded(CimInstance instance) {
        return new CimValue.EmbeddedValue(CimType.OBJECT, instance.withPath(null));
    }

    /** A parameter as a MethodParameters property: references become WBEM URI strings (DSP1054). */
    private static CimValue parameter(CimValue v) {
        if (v instanceof CimValue.ReferenceValue r) {
            return new CimValue.StringValue(r.path().toString());
        }
        if (v instanceof CimValue.ArrayValue a && a.type() == CimType.REFERENCE) {
            return CimValue.ArrayValue.of(CimType.STRING, a.elements().stream()
                    .map(e -> e instanceof CimValue.ReferenceValue r ? (CimValue) new CimValue.StringValue(r.path().toString())
                            : CimValue.NullValue.of(CimType.STRING))
                    .toArray(CimValue[]::new));
        }
        return v;
    }

    private static String lexical(CimValue v) {
        return v instanceof CimValue.Scalar s ? s.toLexical() : String.valueOf(v);
    }

    private static String text(CimValue v) {
        return v instanceof CimValue.StringValue s ? s.value() : "";
    }
}
