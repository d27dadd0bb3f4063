package org.cimkit.server.dispatch;

import static org.cimkit.server.dispatch.DispatchFixture.INTEROP;
import static org.cimkit.server.dispatch.DispatchFixture.className;
import static org.cimkit.server.dispatch.DispatchFixture.drain;
import static org.cimkit.server.dispatch.DispatchFixture.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.cimkit.model.CimDateTime;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimValue;
import org.cimkit.server.interop.StatisticsProvider;
import org.cimkit.server.statistics.OperationStatistics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CIM_CIMOMStatisticalData as pywbemcli's {@code statistics server-show} reads it: one instance per
 * operation type of the class's value map, one "Other" instance per other counted operation, times
 * as intervals, CIMOM time without provider time; GetInstance answers what the enumeration shows.
 */
class StatisticsProviderTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T12:00:00Z"), ZoneOffset.UTC);
    final OperationStatistics statistics = new OperationStatistics();
    DispatchFixture f;

    @BeforeEach
    void fixture() throws Exception {
        f = DispatchFixture.withModules(List.of(), List.of(), r -> StatisticsProvider.register(r, statistics, CLOCK));
        statistics.gathering(true);
    }

    Map<String, CimInstance> byId() {
        Map<String, CimInstance> out = new TreeMap<>();
        for (Object o : drain(f.call(INTEROP, "EnumerateInstances", className("ClassName", "CIM_CIMOMStatisticalData")))) {
            CimInstance i = (CimInstance) o;
            out.put(((CimValue.StringValue) i.value("InstanceID")).value(), i);
        }
        return out;
    }

    static long number(CimInstance i, String property) {
        return ((CimValue.IntegerValue) i.value(property)).bits();
    }

    static CimDateTime datetime(CimInstance i, String property) {
        return ((CimValue.DateTimeValue) i.value(property)).value();
    }

    @Test
    void everyOperationTypeOfTheValueMapHasAnInstanceFromTheStart() {
        Map<String, CimInstance> all = byId();
        assertEquals(23, all.size(), all.keySet()::toString); // 3 GetClass .. 25 EnumerateQualifiers
        CimInstance getInstance = all.get("CIM:Cimkit:GetInstance");
        assertNotNull(getInstance, all.keySet()::toString);
        assertEquals(4, number(getInstance, "OperationType"));
        assertEquals(0, number(getInstance, "NumberOfOperations"));
        assertEquals("Cimkit statistics for GetInstance", ((CimValue.StringValue) getInstance.value("ElementName")).value());
        assertTrue(getInstance.value("OtherOperationType") instanceof CimValue.NullValue);
        assertEquals(25, number(all.get("CIM:Cimkit:EnumerateQualifiers"), "OperationType"));
        assertTrue(!all.containsKey("CIM:Cimkit:Batched") && !all.containsKey("CIM:Cimkit:IndicationDelivery"));
    }

    @Test
    void countedOperationsShowTheirTotalsWithTimesAsIntervals() {
        statistics.record("GetInstance", 9_000_000, 4_000_000, 300, 700);
        statistics.record("GetInstance", 1_000_000, 0, 200, 100);
        statistics.record("InvokeMethod", 2_000_000, 1_500_000, 50, 60);
        statistics.record("Unknown", 1_000, 0, 10, 20);
        Map<String, CimInstance> all = byId();
        CimInstance gi = all.get("CIM:Cimkit:GetInstance");
        assertEquals(2, number(gi, "NumberOfOperations"));
        assertEquals(500, number(gi, "RequestSize"));
        assertEquals(800, number(gi, "ResponseSize"));
        assertTrue(datetime(gi, "CimomElapsedTime").isInterval());
        assertEquals(6_000, datetime(gi, "CimomElapsedTime").micros()); // 10 ms server - 4 ms provider
        assertEquals(4_000, datetime(gi, "ProviderElapsedTime").micros());
        assertEquals(CimDateTime.of(CLOCK.instant().atOffset(ZoneOffset.UTC)), datetime(gi, "StatisticTime"));
        assertEquals(statistics.startedMillis() * 1000, datetime(gi, "StartStatisticTime").micros());

        CimInstance invoke = all.get("CIM:Cimkit:InvokeMethod");
        assertEquals(1, number(invoke, "OperationType"));
        assertEquals("InvokeMethod", ((CimValue.StringValue) invoke.value("OtherOperationType")).value());
        assertEquals(500, datetime(invoke, "CimomElapsedTime").micros());
        assertEquals(0, number(all.get("CIM:Cimkit:Unknown"), "OperationType"));
        assertEquals(25, all.size());
    }

    @Test
    void getInstanceAnswersWhatTheEnumerationShows() {
        statistics.record("OpenEnumerateInstances", 3_000, 1_000, 1, 2);
        for (CimInstance i : byId().values()) {
            OperationResult got = f.call(INTEROP, "GetInstance", path("InstanceName", i.path()));
            assertEquals(i, ((OperationResult.SingleInstance) got).instance(), i.path().toString());
        }
    }

    @Test
    void switchingGatheringOnAgainStartsANewInterval() {
        statistics.record("GetClass", 1_000, 0, 1, 1);
        statistics.gathering(false);
        assertEquals(1, number(byId().get("CIM:Cimkit:GetClass"), "NumberOfOperations"), "kept while off");
        statistics.gathering(true);
        assertEquals(0, number(byId().get("CIM:Cimkit:GetClass"), "NumberOfOperations"));
    }

    @Test
    void theInstancesAreReadOnly() {
        CimInstance any = byId().values().iterator().next();
        f.fails(CimStatus.NOT_SUPPORTED, INTEROP, "DeleteInstance", path("InstanceName", any.path()));
    }

    @Test
    void registeredInCimv2WhereTheClassExists() throws Exception {
        // the fixture has no root/cimv2: registration skips namespaces that do not exist
        f.fails(CimStatus.INVALID_NAMESPACE, CimNamespace.of("root/cimv2"), "EnumerateInstances",
                className("ClassName", "CIM_CIMOMStatisticalData"));
    }
}
