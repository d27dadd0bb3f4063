package org.cimkit.server.interop;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimDateTime;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimQualifier;
import org.cimkit.model.CimValue;
import org.cimkit.server.providers.InstanceProvider;
import org.cimkit.server.providers.ProviderContext;
import org.cimkit.server.providers.ProviderRegistrar;
import org.cimkit.server.statistics.OperationStatistics;
import org.cimkit.server.statistics.OperationStatistics.OperationTotals;

/**
 * CIM_CIMOMStatisticalData from the server's {@link OperationStatistics}: one instance per operation
 * type the class's OperationType value map names (zeros until the operation is counted), and one
 * with OperationType 1 (Other) and OtherOperationType per other counted operation name (InvokeMethod,
 * the pull operations). The value map is read from the class, so the MOF stays the one source of
 * the numbers. Times are intervals in microseconds: CimomElapsedTime is the server time minus the
 * provider time. The counts keep their values while gathering is off; switching it on starts a new
 * interval (StartStatisticTime).
 */
public final class StatisticsProvider implements InstanceProvider {
    static final CimName CLASS = CimName.of("CIM_CIMOMStatisticalData");
    static final String INSTANCE_ID_PREFIX = "CIM:Cimkit:";
    /** OperationType 1: the type of every counted operation the value map does not name. */
    static final int OTHER = 1;
    /**
     * Value map entries that are not CIM-XML requests the server answers: listed only when something
     * is counted under them (Unknown: intrinsic calls with names no operation has).
     */
    private static final Set<String> NOT_REQUESTS = Set.of("unknown", "other", "batched", "indicationdelivery");
    private static final CimNamespace CIMV2 = CimNamespace.of("root/cimv2");

    private final OperationStatistics statistics;
    private final Clock clock;

    StatisticsProvider(OperationStatistics statistics, Clock clock) {
        this.statistics = statistics;
        this.clock = clock;
    }

    /**
     * Serves CIM_CIMOMStatisticalData in root/interop and root/cimv2, wherever the class exists;
     * StatisticTime is read from {@code clock}.
     */
    public static void register(ProviderRegistrar registrar, OperationStatistics statistics, Clock clock) {
        StatisticsProvider provider = new StatisticsProvider(statistics, clock);
        for (CimNamespace ns : List.of(InteropNames.INTEROP, CIMV2)) {
            if (registrar.hasNamespace(ns) && registrar.objects(ns).getClass(CLASS) != null) {
                registrar.registerInstances(ns, CLASS, provider);
            }
        }
    }

    @Override
    public Stream<CimInstance> enumerate(ProviderContext ctx, CimName className) {
        CimClass cls = ctx.objects().getClass(className);
        if (cls == null || !className.equals(CLASS)) {
            return Stream.empty();
        }
        Map<String, Integer> types = operationTypes(cls);
        Map<String, OperationTotals> counted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (OperationTotals t : statistics.snapshot()) {
            counted.merge(t.operation(), t, StatisticsProvider::sum);
        }
        CimDateTime start = timestamp(Instant.ofEpochMilli(statistics.startedMillis()));
        CimDateTime now = timestamp(clock.instant());
        List<CimInstance> out = new ArrayList<>();
        types.forEach((name, code) -> {
            OperationTotals t = counted.remove(name);
            if (t != null || !NOT_REQUESTS.contains(name.toLowerCase(Locale.ROOT))) {
                out.add(instance(ctx, cls, name, code, t, start, now));
            }
        });
        counted.forEach((name, t) -> out.add(instance(ctx, cls, name, OTHER, t, start, now)));
        return out.stream();
    }

    /** The operation names of the class's OperationType value map, by number, in value map order. */
    static Map<String, Integer> operationTypes(CimClass cls) {
        CimProperty p = cls.property("OperationType");
        List<String> map = strings(p == null ? null : p.qualifier("ValueMap"));
        List<String> values = strings(p == null ? null : p.qualifier("Values"));
        Map<String, Integer> out = new LinkedHashMap<>();
        for (int i = 0; i < Math.min(map.size(), values.size()); i++) {
            try {
                out.putIfAbsent(values.get(i), Integer.parseInt(map.get(i)));
            } catch (NumberFormatException range) {
                // a range such as "27.." names no single operation
            }
        }
        return out;
    }

    private static List<String> strings(CimQualifier q) {
        if (q == null || !(q.value() instanceof CimValue.ArrayValue a)) {
            return List.of();
        }
        return a.elements().stream().map(e -> e instanceof CimValue.StringValue s ? s.value() : "").toList();
    }

    private static OperationTotals sum(OperationTotals a, OperationTotals b) {
        return new OperationTotals(a.operation(), a.count() + b.count(), a.serverNanos() + b.serverNanos(),
                a.providerNanos() + b.providerNanos(), a.requestBytes() + b.requestBytes(),
                a.responseBytes() + b.responseBytes());
    }

    private static CimInstance instance(ProviderContext ctx, CimClass cls, String name, int type, OperationTotals t,
            CimDateTime start, CimDateTime now) {
        long count = t == null ? 0 : t.count();
        long provider = t == null ? 0 : t.providerNanos();
        long cimom = t == null ? 0 : Math.max(t.serverNanos() - provider, 0);
        CimInstance.Builder b = CimInstance.builder(CLASS).property("InstanceID", INSTANCE_ID_PREFIX + name)
                .property("ElementName", "Cimkit statistics for " + name)
                .property("OperationType", CimValue.IntegerValue.uint16(type))
                .property("NumberOfOperations", CimValue.IntegerValue.uint64(count))
                .property("CimomElapsedTime", interval(cimom))
                .property("ProviderElapsedTime", interval(provider))
                .property("RequestSize", CimValue.IntegerValue.uint64(t == null ? 0 : t.requestBytes()))
                .property("ResponseSize", CimValue.IntegerValue.uint64(t == null ? 0 : t.responseBytes()))
                .property("StartStatisticTime", new CimValue.DateTimeValue(start))
                .property("StatisticTime", new CimValue.DateTimeValue(now));
        if (type == OTHER) {
            b.property("OtherOperationType", name);
        }
        // Properties a trimmed class does not declare are left out.
        CimInstance.Builder shaped = CimInstance.builder(CLASS);
        b.build().properties().stream().filter(p -> cls.property(p.name()) != null).forEach(shaped::property);
        return ctx.objects().shape(shaped.build());
    }

    /** Nanoseconds as a datetime interval (microsecond resolution). */
    static CimValue interval(long nanos) {
        return new CimValue.DateTimeValue(CimDateTime.ofInterval(Duration.ofNanos(Math.max(nanos, 0))));
    }

    private static CimDateTime timestamp(Instant t) {
        return CimDateTime.of(t.atOffset(ZoneOffset.UTC));
    }
}
