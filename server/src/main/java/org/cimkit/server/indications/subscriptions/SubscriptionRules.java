package org.cimkit.server.indications.subscriptions;

import static org.cimkit.server.indications.subscriptions.IndicationClasses.INTEROP;
import static org.cimkit.server.indications.subscriptions.IndicationClasses.canonical;
import static org.cimkit.server.indications.subscriptions.IndicationClasses.integer;
import static org.cimkit.server.indications.subscriptions.IndicationClasses.invalid;
import static org.cimkit.server.indications.subscriptions.IndicationClasses.notSupported;
import static org.cimkit.server.indications.subscriptions.IndicationClasses.string;
import static org.cimkit.server.indications.subscriptions.IndicationClasses.strings;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimValue;
import org.cimkit.server.providers.NamespaceObjects;
import org.cimkit.server.providers.ProviderContext;
import org.cimkit.server.providers.ProviderRegistrar;
import org.cimkit.server.query.CompiledQuery;

/**
 * The checks DSP1054 (as decided in INDICATIONS-DESIGN.md, fact sheet §2.5) puts on filters,
 * listener destinations and subscriptions a client creates or modifies, and the values the server
 * fills in. Each method returns the instance to store, or throws the CimException the client sees.
 */
final class SubscriptionRules {
    /** Subscription properties a client may change (all three are Write in the MOF); others: CIM_ERR_INVALID_PARAMETER. */
    static final List<String> MODIFIABLE = List.of("SubscriptionState", "SubscriptionDuration", "SubscriptionInfo");
    static final int ENABLED = 2;
    static final int DISABLED = 4;
    static final int PERMANENT = 2;
    static final int TRANSIENT = 3;
    static final int POLICY_IGNORE = 2;
    static final int POLICY_DISABLE = 3;
    static final int POLICY_REMOVE = 4;
    /** More superclasses than any schema has: the bound of {@link #isA}. */
    private static final int MAX_CLASS_DEPTH = 64;

    private final ProviderRegistrar registrar;
    private final String systemName;
    private final Clock clock;

    SubscriptionRules(ProviderRegistrar registrar, String systemName, Clock clock) {
        this.registrar = registrar;
        this.systemName = systemName;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ filters

    CimInstance filter(ProviderContext ctx, CimInstance given) {
        CimInstance f = ctx.objects().shape(systemKeys(given, IndicationClasses.FILTER));
        requireName(f, "CIM_IndicationFilter");
        String query = string(f, "Query");
        String language = string(f, "QueryLanguage");
        if (query == null || query.isBlank() || language == null || language.isBlank()) {
            throw invalid("CIM_IndicationFilter needs both Query and QueryLanguage");
        }
        check(CompiledQuery.compile(language, query), sourceNamespaces(f));
        return f;
    }

    /**
     * The namespaces a filter watches: SourceNamespaces, else the deprecated SourceNamespace, else the
     * filter's own namespace (root/interop). When both are given, SourceNamespaces must contain SourceNamespace.
     */
    static Set<CimNamespace> sourceNamespaces(CimInstance filter) {
        Set<CimNamespace> out = new LinkedHashSet<>();
        for (String s : strings(filter, "SourceNamespaces")) {
            out.add(IndicationClasses.namespace(s, "SourceNamespaces"));
        }
        String single = string(filter, "SourceNamespace");
        if (single != null && !single.isBlank()) {
            CimNamespace ns = IndicationClasses.namespace(single, "SourceNamespace");
            if (out.isEmpty()) {
                out.add(ns);
            } else if (!out.contains(ns)) {
                throw invalid("SourceNamespace " + single + " is not one of the SourceNamespaces " + out);
            }
        }
        if (out.isEmpty()) {
            out.add(INTEROP);
        }
        return out;
    }

    /**
     * The FROM class must be an indication class where the filter looks: checked in each source
     * namespace that exists (one created later is watched once it exists), else in root/interop. A
     * namespace made from a client's MOF may lack the lifecycle indication classes: their names are
     * then looked up in root/interop, as the producer does when it matches.
     */
    private void check(CompiledQuery q, Set<CimNamespace> sources) {
        List<CimNamespace> existing = sources.stream().filter(registrar::hasNamespace).toList();
        NamespaceObjects interop = registrar.objects(INTEROP);
        for (CimNamespace ns : existing.isEmpty() ? List.of(INTEROP) : existing) {
            NamespaceObjects objects = registrar.objects(ns);
            Function<CimName, CimClass> classes = name -> {
                CimClass c = objects.getClass(name);
                return c != null ? c : interop.getClass(name);
            };
            q.check(classes);
            CimClass from = classes.apply(q.fromClass());
            if (!from.isIndication()) {
                throw invalid("class " + from.name() + " in the FROM clause is not an indication class;"
                        + " select from CIM_InstCreation, CIM_InstModification, CIM_InstDeletion, CIM_InstMethodCall,"
                        + " CIM_AlertIndication or another [Indication] class");
            }
        }
    }

    // ------------------------------------------------------------------ destinations

    /** A new destination; its Destination URL is checked by the manager's DestinationPolicy (a DNS lookup, before its lock). */
    CimInstance destination(ProviderContext ctx, CimInstance given) {
        CimInstance d = ctx.objects().shape(systemKeys(given, given.className()));
        requireName(d, given.className().value());
        Long persistence = integer(d, "PersistenceType");
        if (persistence == null) {
            // DSP1054: no PersistenceType is a permanent destination
            d = d.toBuilder().putProperty(d.property("PersistenceType").withValue(CimValue.IntegerValue.uint16(PERMANENT)))
                    .build();
        } else if (persistence == 1) {
            throw notSupported("PersistenceType 1 (Other) is not supported; use 2 (Permanent) or 3 (Transient)");
        } else if (persistence != PERMANENT && persistence != TRANSIENT) {
            throw invalid("PersistenceType " + persistence + " is not 2 (Permanent) or 3 (Transient)");
        }
        Long protocol = integer(d, "Protocol");
        if (protocol != null && protocol != 2) {
            throw notSupported("Protocol " + protocol + " is not supported; this server delivers with CIM-XML (2)");
        }
        return d;
    }

    static boolean isTransient(CimInstance destination) {
        Long p = integer(destination, "PersistenceType");
        return p != null && p == TRANSIENT;
    }

    // ------------------------------------------------------------------ subscriptions

    /**
     * A new subscription: Filter and Handler must name existing instances on this server (stored in
     * the canonical form, namespace and no host, as pywbem compares them), states and policies are
     * defaulted and checked, and the creator must be allowed to read every namespace the filter watches.
     */
    CimInstance subscription(ProviderContext ctx, CimInstance given) {
        CimInstance s = ctx.objects().shape(given);
        CimInstance filter = referenced(ctx, s, "Filter", IndicationClasses.FILTER);
        CimInstance handler = referenced(ctx, s, "Handler", IndicationClasses.DESTINATION);
        if (CimValue.BooleanValue.FALSE.equals(filter.value("IndividualSubscriptionSupported"))) {
            // such a filter is meant for filter collections, which this server does not implement
            throw notSupported("filter " + string(filter, "Name") + " does not allow individual subscriptions"
                    + " (IndividualSubscriptionSupported is false)");
        }
        for (CimNamespace ns : sourceNamespaces(filter)) {
            if (!registrar.access().mayRead(ctx.user(), ns)) {
                throw new CimException(CimStatus.ACCESS_DENIED, "no read right in namespace " + ns
                        + ", which filter " + string(filter, "Name") + " watches");
            }
        }
        Long state = choice(s, "SubscriptionState", List.of(ENABLED, DISABLED), List.of(1, 3));
        // NULL stays NULL: the service's SubscriptionRemovalAction then decides (DSP1054)
        Long onFatal = choice(s, "OnFatalErrorPolicy", List.of(POLICY_IGNORE, POLICY_DISABLE, POLICY_REMOVE), List.of(1));
        // Suppress (3) and Delay (4) would need repeat detection the producer does not do: refused, not ignored
        Long repeat = choice(s, "RepeatNotificationPolicy", List.of(2), List.of(1, 3, 4));
        CimValue.DateTimeValue now = IndicationClasses.timestamp(clock.millis());
        CimInstance.Builder b = s.toBuilder();
        b.putProperty(s.property("Filter").withValue(new CimValue.ReferenceValue(canonical(filter.path()))));
        b.putProperty(s.property("Handler").withValue(new CimValue.ReferenceValue(canonical(handler.path()))));
        b.putProperty(s.property("SubscriptionState").withValue(uint16(state == null ? ENABLED : state)));
        b.putProperty(s.property("OnFatalErrorPolicy").withValue(onFatal == null
                ? CimValue.NullValue.of(s.property("OnFatalErrorPolicy").type()) : uint16(onFatal)));
        b.putProperty(s.property("RepeatNotificationPolicy").withValue(uint16(repeat == null ? 2 : repeat)));
        b.putProperty(s.property("TimeOfLastStateChange").withValue(now));
        b.putProperty(s.property("SubscriptionStartTime").withValue(now));
        // computed on every read from SubscriptionStartTime and SubscriptionDuration
        b.putProperty(s.property("SubscriptionTimeRemaining").withValue(CimValue.NullValue.of(
                s.property("SubscriptionTimeRemaining").type())));
        return ctx.objects().shape(b.build());
    }

    /**
     * The modification of a subscription a client asks for: only {@link #MODIFIABLE} may differ from
     * the stored instance; a state change records its time.
     */
    CimInstance modifiedSubscription(CimInstance current, CimInstance complete) {
        for (CimProperty p : complete.properties()) {
            String n = p.name().value();
            if (MODIFIABLE.stream().anyMatch(n::equalsIgnoreCase) || n.equalsIgnoreCase("SubscriptionTimeRemaining")) {
                continue;
            }
            CimValue before = current.value(n);
            if (before == null ? !p.value().isNull() : !before.equals(p.value())) {
                throw invalid("property " + n + " of a subscription cannot be modified; only " + String.join(", ", MODIFIABLE)
                        + " can");
            }
        }
        Long asked = choice(complete, "SubscriptionState", List.of(ENABLED, DISABLED), List.of(1, 3));
        // NULL keeps the current state: a client that sends none has not asked to enable
        Long state = asked != null ? asked : integer(current, "SubscriptionState");
        CimInstance.Builder b = current.toBuilder();
        for (String n : MODIFIABLE) {
            b.putProperty(current.property(n).withValue(complete.value(n)));
        }
        b.putProperty(current.property("SubscriptionState").withValue(uint16(state == null ? ENABLED : state)));
        if (!Objects.equals(state, integer(current, "SubscriptionState"))) {
            b.putProperty(current.property("TimeOfLastStateChange").withValue(IndicationClasses.timestamp(clock.millis())));
        }
        return b.build();
    }

    private CimInstance referenced(ProviderContext ctx, CimInstance s, String role, CimName base) {
        if (!(s.value(role) instanceof CimValue.ReferenceValue r)) {
            throw invalid("CIM_IndicationSubscription needs " + role);
        }
        CimObjectPath p = r.path();
        if (p.host() != null && !isLocal(ctx, p.host())) {
            throw invalid(role + " " + p + " names an instance on another server (" + p.host() + ")");
        }
        if (p.namespace() != null && !p.namespace().equals(INTEROP)) {
            throw invalid(role + " " + p + " must name an instance of namespace " + INTEROP);
        }
        if (!isA(ctx.objects(), p.className(), base)) {
            throw invalid(role + " " + p + " must name a " + base);
        }
        // a path naming a base class is resolved through its CreationClassName, which must derive from it
        CimObjectPath concrete = canonical(p);
        if (!isA(ctx.objects(), concrete.className(), p.className())) {
            throw invalid(role + " " + p + ": CreationClassName " + concrete.className() + " is not a subclass of "
                    + p.className());
        }
        CimInstance i = ctx.objects().getInstance(concrete);
        if (i == null) {
            throw new CimException(CimStatus.NOT_FOUND, role + " " + p.local() + " does not exist");
        }
        return i;
    }

    private boolean isLocal(ProviderContext ctx, String host) {
        String h = host.toLowerCase(Locale.ROOT).replaceFirst(":\\d+$", "");
        return h.equalsIgnoreCase(systemName) || (ctx.host() != null && h.equalsIgnoreCase(ctx.host().replaceFirst(":\\d+$", "")))
                || h.equals("localhost") || h.equals("127.0.0.1") || h.equals("[::1]");
    }

    /** True when {@code cls} is {@code base} or derives from it; the walk is bounded so a damaged schema cannot loop. */
    static boolean isA(NamespaceObjects objects, CimName cls, CimName base) {
        CimClass c = objects.getClass(cls);
        for (int depth = 0; c != null && depth < MAX_CLASS_DEPTH; depth++) {
            if (c.name().equals(base)) {
                return true;
            }
            c = c.superclass() == null ? null : objects.getClass(c.superclass());
        }
        return false;
    }

    /** A uint16 setting: null when NULL; values we do not implement are NOT_SUPPORTED, unknown ones INVALID_PARAMETER. */
    private static Long choice(CimInstance i, String name, List<Integer> allowed, List<Integer> unsupported) {
        Long v = integer(i, name);
        if (v == null || allowed.stream().anyMatch(a -> a == v.longValue())) {
            return v;
        }
        if (unsupported.stream().anyMatch(u -> u == v.longValue())) {
            throw notSupported(name + " " + v + " is not supported; use one of " + allowed);
        }
        throw invalid(name + " " + v + " is not one of " + allowed);
    }

    private static CimValue uint16(long v) {
        return CimValue.IntegerValue.uint16((int) v);
    }

    // ------------------------------------------------------------------ shared

    /**
     * The instance with the object manager's keys: SystemCreationClassName and SystemName are the
     * server's whatever the client sent (DSP1054 1.2; pywbem and Pegasus do the same), CreationClassName
     * the class (a different one is refused).
     */
    private CimInstance systemKeys(CimInstance given, CimName cls) {
        CimValue ccn = given.value("CreationClassName");
        if (ccn != null && !ccn.isNull() && !(ccn instanceof CimValue.StringValue s && CimName.of(s.value()).equals(cls))) {
            throw invalid("CreationClassName must be " + cls + ", not " + CimValue.describe(ccn));
        }
        return given.toBuilder().putProperty(CimProperty.of("SystemCreationClassName", IndicationClasses.COMPUTER_SYSTEM.value()))
                .putProperty(CimProperty.of("SystemName", systemName))
                .putProperty(CimProperty.of("CreationClassName", cls.value())).build();
    }

    private static void requireName(CimInstance i, String cls) {
        String name = string(i, "Name");
        if (name == null || name.isBlank()) {
            throw invalid(cls + " needs a Name");
        }
    }
}
