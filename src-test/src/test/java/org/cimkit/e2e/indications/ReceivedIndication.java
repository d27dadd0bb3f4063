package org.cimkit.e2e.indications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.metricshub.wbem.javax.cim.CIMInstance;
import org.metricshub.wbem.javax.cim.CIMProperty;

/**
 * One indication as the JSR48 listener handed it over: the request path it came to and the
 * indication instance. The listener turns an {@code EmbeddedObject="object"} property (SourceInstance,
 * PreviousInstance) into a {@link CIMInstance} value; the accessors here read what a listener
 * application reads.
 */
public record ReceivedIndication(String url, CIMInstance instance) {

    public String className() {
        return instance.getClassName();
    }

    public boolean is(String cls) {
        return className().equalsIgnoreCase(cls);
    }

    public Object value(String property) {
        return instance.getPropertyValue(property);
    }

    /** SequenceNumber (sint64, which the JSR48 client gives as a Long); null when absent. */
    public Long sequenceNumber() {
        Object v = value("SequenceNumber");
        return v == null ? null : ((Number) v).longValue();
    }

    public String sequenceContext() {
        return (String) value("SequenceContext");
    }

    public String filterName() {
        return (String) value("IndicationFilterName");
    }

    /** The embedded SourceInstance, or null. */
    public CIMInstance source() {
        return embedded("SourceInstance");
    }

    /** The embedded PreviousInstance (modifications), or null. */
    public CIMInstance previous() {
        return embedded("PreviousInstance");
    }

    private CIMInstance embedded(String property) {
        Object v = value(property);
        if (v == null || v instanceof CIMInstance) {
            return (CIMInstance) v;
        }
        throw new AssertionError(property + " did not reach the listener as an embedded instance but as "
                + v.getClass().getName() + ": " + v);
    }

    /** A property of the SourceInstance, or null when there is none. */
    public Object sourceValue(String property) {
        CIMInstance s = source();
        return s == null ? null : s.getPropertyValue(property);
    }

    /** A numeric property of the SourceInstance (JobState, PercentComplete: unsigned JSR48 numbers); -1 when NULL. */
    public long sourceNumber(String property) {
        Object v = sourceValue(property);
        return v == null ? -1 : ((Number) v).longValue();
    }

    /** Whether the SourceInstance is of this class (exactly: the listener cannot know subclasses). */
    public boolean sourceIs(String cls) {
        CIMInstance s = source();
        return s != null && s.getClassName().equalsIgnoreCase(cls);
    }

    public boolean hasProperty(String property) {
        CIMProperty<?> p = instance.getProperty(property);
        return p != null;
    }

    @Override
    public String toString() {
        CIMInstance s = embeddedOrNull();
        return className() + "#" + value("SequenceNumber") + (s == null ? "" : "(" + s.getClassName() + ")");
    }

    private CIMInstance embeddedOrNull() {
        Object v = value("SourceInstance");
        return v instanceof CIMInstance c ? c : null;
    }

    /**
     * DSP1054 reliable delivery as a listener checks it: one SequenceContext for all, and each
     * SequenceNumber exactly one more than the one before (no gap, no repeat, no reordering).
     */
    public static void assertConsecutive(List<ReceivedIndication> indications) {
        assertFalse(indications.isEmpty(), "no indications to check");
        String context = indications.get(0).sequenceContext();
        assertNotNull(context, () -> "SequenceContext missing: " + indications.get(0).instance());
        Long first = indications.get(0).sequenceNumber();
        assertNotNull(first, () -> "SequenceNumber missing: " + indications.get(0).instance());
        for (int k = 0; k < indications.size(); k++) {
            ReceivedIndication i = indications.get(k);
            assertEquals(context, i.sequenceContext(), "one SequenceContext for one destination: " + indications);
            assertEquals(first + k, i.sequenceNumber(), "SequenceNumber rises by exactly one: " + indications);
        }
    }

    /**
     * The same, but a repeat is allowed when it carries the (context, number) of an indication already
     * received (a redelivery after a crash): the distinct ones are returned, in order of first arrival.
     */
    public static List<ReceivedIndication> withoutRedeliveries(List<ReceivedIndication> indications) {
        Map<String, ReceivedIndication> seen = new HashMap<>();
        List<ReceivedIndication> distinct = new ArrayList<>();
        for (ReceivedIndication i : indications) {
            assertNotNull(i.sequenceContext(), () -> "SequenceContext missing: " + i.instance());
            assertNotNull(i.sequenceNumber(), () -> "SequenceNumber missing: " + i.instance());
            ReceivedIndication before = seen.putIfAbsent(i.sequenceContext() + "#" + i.sequenceNumber(), i);
            if (before == null) {
                distinct.add(i);
            } else {
                // CIMInstance.equals does not compare the properties of path-less instances: compare their MOF text
                assertEquals(String.valueOf(before.source()), String.valueOf(i.source()),
                        "a redelivery carries the same indication: " + indications);
            }
        }
        return distinct;
    }
}
