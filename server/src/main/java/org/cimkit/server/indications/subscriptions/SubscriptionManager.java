package org.cimkit.server.indications.subscriptions;

import static org.cimkit.server.indications.subscriptions.IndicationClasses.DESTINATION_CIMXML;
import static org.cimkit.server.indications.subscriptions.IndicationClasses.FILTER;
import static org.cimkit.server.indications.subscriptions.IndicationClasses.INTEROP;
import static org.cimkit.server.indications.subscriptions.IndicationClasses.SUBSCRIPTION;
import static org.cimkit.server.indications.subscriptions.IndicationClasses.canonical;
import static org.cimkit.server.indications.subscriptions.IndicationClasses.integer;
import static org.cimkit.server.indications.subscriptions.IndicationClasses.string;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimValue;
import org.cimkit.server.indications.IndicationConfig;
import org.cimkit.server.indications.delivery.DeliveryFailures;
import org.cimkit.server.indications.delivery.DestinationPolicy;
import org.cimkit.server.indications.delivery.IndicationDelivery;
import org.cimkit.server.indications.delivery.ListenerDestination;
import org.cimkit.server.interop.InteropModule;
import org.cimkit.server.interop.ProfileRegistration;
import org.cimkit.server.providers.NamespaceObjects;
import org.cimkit.server.providers.ProviderContext;
import org.cimkit.server.providers.ProviderModule;
import org.cimkit.server.providers.ProviderRegistrar;
import org.cimkit.server.query.CompiledQuery;
import org.cimkit.server.storage.DurableStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscription side of DSP1054 in root/interop: filters, listener destinations and
 * subscriptions created, read, modified and deleted with the ordinary instance operations (checks
 * in {@link SubscriptionRules}), the indication service that hosts them, and the snapshot of active
 * subscriptions the indication producer reads on every change.
 *
 * <p>Ownership: the user who creates a filter, destination or subscription owns it (kept with its
 * creation time in {@link SubscriptionRecords}); when the server authenticates, only the owner may
 * modify or delete it or subscribe with it (CIM_ERR_ACCESS_DENIED otherwise; objects created without
 * authentication have no owner and are open to every writer), and indications for a subscription carry
 * only what its owner may read ({@link ActiveSubscription#owner()}). Creating a subscription needs
 * the read right in every namespace its filter watches.
 *
 * <p>Lifetime: a subscription with a SubscriptionDuration leaves {@link #active()} once
 * SubscriptionStartTime + SubscriptionDuration has passed (by the injected clock), reads no longer
 * show it, and it is deleted the next time any of these classes is changed or {@link #removeExpired()}
 * runs (reads never write).
 *
 * <p>Failures ({@link #retriesExhausted}): when an indication to a destination has used up its
 * retries, a transient destination (PersistenceType 3) is deleted with its subscriptions. For a
 * permanent one each of its subscriptions applies its OnFatalErrorPolicy (3 Disable: SubscriptionState
 * 4; 4 Remove: deleted; 2 Ignore: nothing), or, when that is NULL, the service's
 * SubscriptionRemovalAction (4 Ignore), but only once the destination has failed for longer than the
 * subscription's FailureTriggerTimeInterval (the service's SubscriptionRemovalTimeInterval when that
 * is NULL): one lost indication does not cost a subscription. Every change goes through the
 * namespace's objects, so it is journaled and announced like a client's.
 */
public final class SubscriptionManager implements SubscriptionIndex, DeliveryFailures, ProviderModule {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionManager.class);
    /** CIM_IndicationService.Name: the first part of every SequenceContext. */
    public static final String SERVICE_NAME = "Cimkit:IndicationService";

    private record Entry(ActiveSubscription subscription, long expiresAt) {
    }

    private record Snapshot(List<Entry> entries, List<ActiveSubscription> active,
            Map<CimObjectPath, ListenerDestination> destinations, long nextExpiry) {
        static final Snapshot EMPTY = new Snapshot(List.of(), List.of(), Map.of(), Long.MAX_VALUE);
    }

    private final IndicationConfig config;
    private final String systemName;
    private final IndicationDelivery delivery;
    private final Clock clock;
    private final SubscriptionRecords records;
    private final boolean persisted;
    private final Object lock = new Object();
    /** Queries of the live filters and URLs of the live destinations (under the lock but for check()). */
    final CompiledDefinitions compiled;
    private volatile Snapshot snapshot = Snapshot.EMPTY;
    /** Deleted destinations whose queues delivery drops once a snapshot without them is published (under the lock). */
    private final List<CimObjectPath> deletedDestinations = new ArrayList<>();
    private NamespaceObjects objects;
    private SubscriptionRules rules;

    /**
     * @param systemName     the object manager's system (CIM_ComputerSystem.Name): the SystemName of the
     *                       service, filters and destinations
     * @param storeOrNull    the server's durable store (owners and creation times), null without a data directory
     */
    public SubscriptionManager(IndicationConfig config, String systemName, IndicationDelivery delivery, Clock clock,
            DurableStore storeOrNull) {
        this.config = config;
        this.systemName = systemName;
        this.delivery = delivery;
        this.clock = clock;
        this.records = new SubscriptionRecords(storeOrNull);
        this.compiled = new CompiledDefinitions(new DestinationPolicy(config.destinations()));
        this.persisted = storeOrNull != null;
    }

    /** The one CIM_IndicationService's path. */
    public static CimObjectPath servicePath(String systemName) {
        return IndicationServiceProvider.servicePath(systemName);
    }

    /** The Indications profile (DSP1054 1.2) for the interop namespace to advertise, central instance the service. */
    public static ProfileRegistration indicationsProfile(String systemName) {
        return new ProfileRegistration("Indications", "1.2.0", InteropModule.WBEM_SERVER,
                ProfileRegistration.CentralInstances.of(IndicationServiceProvider.servicePath(systemName)));
    }

    /** Registers the providers in root/interop and takes up the subscriptions stored there. */
    @Override
    public void register(ProviderRegistrar registrar) {
        if (!registrar.hasNamespace(INTEROP)) {
            return;
        }
        objects = registrar.objects(INTEROP);
        rules = new SubscriptionRules(registrar, systemName, clock);
        StoredObjectsProvider stored = new StoredObjectsProvider(this);
        for (CimName c : List.of(FILTER, DESTINATION_CIMXML, SUBSCRIPTION)) {
            registrar.registerInstances(INTEROP, c, stored);
        }
        IndicationServiceProvider service = new IndicationServiceProvider(config, systemName, persisted);
        // the object manager's system and CIM_HostedService are the interop module's (it hosts this service too)
        for (CimName c : List.of(IndicationClasses.SERVICE, IndicationClasses.CAPABILITIES, IndicationClasses.ELEMENT_CAPABILITIES,
                IndicationClasses.SERVICE_AFFECTS_ELEMENT)) {
            registrar.registerInstances(INTEROP, c, service);
        }
        synchronized (lock) {
            // a destination stored before its record was (a failed write) gets one now: its SequenceContext stays stable
            objects.instancesOf(DESTINATION_CIMXML).filter(d -> records.get(d.path()) == null)
                    .forEach(d -> records.put(d.path(), new SubscriptionRecords.Record(null, clock.millis())));
            rebuild();
        }
        removeExpired();
    }

    @Override
    public List<ActiveSubscription> active() {
        Snapshot s = snapshot;
        long now = clock.millis();
        if (now < s.nextExpiry()) {
            return s.active();
        }
        return s.entries().stream().filter(e -> e.expiresAt() > now).map(Entry::subscription).toList();
    }

    /** The destination as delivery needs it, or null when it is gone (or its URL is no longer allowed). */
    public ListenerDestination destination(CimObjectPath path) {
        // delivery asks once per indication, with the canonical path it was given: found without a copy
        Map<CimObjectPath, ListenerDestination> current = snapshot.destinations();
        ListenerDestination d = current.get(path);
        return d != null ? d : current.get(canonical(path));
    }

    /**
     * Deletes the subscriptions whose SubscriptionDuration has run out (cheap when none has). Runs on
     * the expiry timer and before each client change; never on a read, so reads work on a full disk.
     */
    public void removeExpired() {
        if (objects == null || clock.millis() < snapshot.nextExpiry()) {
            return;
        }
        synchronized (lock) {
            deleteExpired();
            rebuild();
        }
    }

    /** Under the lock: deletes each expired subscription; one that cannot be deleted now stays for the next try. */
    private void deleteExpired() {
        long now = clock.millis();
        if (now < snapshot.nextExpiry()) {
            return;
        }
        for (CimInstance s : objects.instancesOf(SUBSCRIPTION).filter(s -> expiresAt(s) <= now).toList()) {
            LOG.info("subscription {} expired (SubscriptionDuration); deleting it", s.path());
            try {
                deleteStored(s.path());
            } catch (RuntimeException e) {
                // a full disk: the subscription is already inactive and hidden from clients
                LOG.warn("could not delete expired subscription {} ({}); trying again later", s.path(), e.getMessage());
            }
        }
    }

    // ------------------------------------------------------------------ client operations (StoredObjectsProvider)

    CimObjectPath create(ProviderContext ctx, CimInstance given) {
        CimName cls = given.className();
        // a destination's URL check may look its host up (DNS): done before the lock, the result kept for rebuild()
        CimInstance destination = null;
        if (cls.equals(DESTINATION_CIMXML)) {
            destination = rules.destination(ctx, given);
            compiled.check(string(destination, "Destination"));
        }
        synchronized (lock) {
            deleteExpired();
            CimInstance checked;
            if (cls.equals(FILTER)) {
                checked = rules.filter(ctx, given);
            } else if (destination != null) {
                checked = destination;
            } else if (cls.equals(SUBSCRIPTION)) {
                checked = rules.subscription(ctx, given);
                // one user's subscription must not pin another's filter or destination
                for (String role : List.of("Filter", "Handler")) {
                    CimObjectPath used = canonical(((CimValue.ReferenceValue) checked.value(role)).path()).local();
                    requireOwner(ctx, used, "subscribe with");
                }
            } else {
                throw IndicationClasses.notSupported("instances of " + cls + " cannot be created");
            }
            CimObjectPath path = checked.path();
            if (ctx.objects().getInstance(path) != null) {
                throw new CimException(CimStatus.ALREADY_EXISTS, cls + " " + describe(checked) + " exists already");
            }
            records.put(path, new SubscriptionRecords.Record(ctx.user(), clock.millis()));
            CimInstance created;
            try {
                created = ctx.objects().create(checked);
            } catch (RuntimeException e) {
                records.remove(path);
                throw e;
            }
            rebuild();
            return created.path();
        }
    }

    void modify(ProviderContext ctx, CimInstance complete) {
        if (!complete.className().equals(SUBSCRIPTION)) {
            throw IndicationClasses.notSupported(complete.className() + " instances cannot be modified;"
                    + " delete and create them again");
        }
        synchronized (lock) {
            deleteExpired();
            CimObjectPath path = canonical(complete.path()).local();
            requireCurrent(ctx, path);
            ctx.objects().update(path, current -> rules.modifiedSubscription(current, complete));
            rebuild();
        }
    }

    void delete(ProviderContext ctx, CimObjectPath given) {
        synchronized (lock) {
            deleteExpired();
            CimObjectPath path = canonical(given).local();
            CimInstance current = requireCurrent(ctx, path);
            if (!current.className().equals(SUBSCRIPTION)) {
                String role = current.className().equals(FILTER) ? "Filter" : "Handler";
                long now = clock.millis();
                // an expired subscription the disk did not let us delete is invisible to clients: it does not count
                List<String> users = subscriptionsUsing(role, path).stream().filter(s -> expiresAt(s) > now)
                        .map(s -> s.path().toString()).toList();
                if (!users.isEmpty()) {
                    throw new CimException(CimStatus.FAILED, current.className() + " " + string(current, "Name")
                            + " is still referenced by subscription " + String.join(", ", users)
                            + "; delete the subscription first");
                }
            }
            deleteStored(path);
            rebuild();
        }
    }

    /** The instance as a client reads it: a subscription's SubscriptionTimeRemaining computed; null when expired. */
    CimInstance forClient(CimInstance i) {
        if (!i.className().equals(SUBSCRIPTION)) {
            return i;
        }
        long end = expiresAt(i);
        if (end == Long.MAX_VALUE) {
            return i;
        }
        long now = clock.millis();
        if (end <= now) {
            return null;
        }
        return i.toBuilder().putProperty(i.property("SubscriptionTimeRemaining")
                .withValue(CimValue.IntegerValue.uint64((end - now) / 1000))).build();
    }

    private CimInstance requireCurrent(ProviderContext ctx, CimObjectPath path) {
        CimInstance current = ctx.objects().getInstance(path);
        if (current == null || forClient(current) == null) {
            throw new CimException(CimStatus.NOT_FOUND, path + " does not exist");
        }
        requireOwner(ctx, path, "change or delete");
        return current;
    }

    /**
     * The ownership rule: with authentication, an object with an owner may be changed, deleted or
     * subscribed with only by that owner. An object created without authentication has no owner and
     * stays open to every user with the write right in root/interop.
     */
    private void requireOwner(ProviderContext ctx, CimObjectPath path, String what) {
        SubscriptionRecords.Record r = records.get(path);
        if (r != null && r.owner() != null && ctx.user() != null && !r.owner().equals(ctx.user())) {
            throw new CimException(CimStatus.ACCESS_DENIED, path.className() + " " + describePath(path)
                    + " belongs to another user; only its creator may " + what + " it");
        }
    }

    // ------------------------------------------------------------------ delivery failures

    /**
     * Applies the failure rules of the class comment. Runs on the delivery worker of the failing
     * destination and writes the journal (the changes must persist) while holding the manager's lock:
     * that worker's queue waits for it, and so do client changes of filters, destinations and
     * subscriptions meanwhile. Producers do not: they read the published snapshot without the lock.
     */
    @Override
    public void retriesExhausted(ListenerDestination destination, long sinceLastSuccessMillis) {
        if (objects == null) {
            return;
        }
        try {
            synchronized (lock) {
                CimObjectPath path = canonical(destination.path()).local();
                CimInstance d = objects.getInstance(path);
                if (d == null) {
                    return;
                }
                try {
                    if (SubscriptionRules.isTransient(d)) {
                        LOG.info("transient listener destination {} is unreachable; deleting it and its subscriptions",
                                path);
                        subscriptionsUsing("Handler", path).forEach(s -> deleteStored(s.path()));
                        deleteStored(path);
                    } else {
                        for (CimInstance s : subscriptionsUsing("Handler", path)) {
                            applyFailurePolicy(s, sinceLastSuccessMillis);
                        }
                    }
                } finally {
                    rebuild(); // what was deleted before a failure is published
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("could not apply the failure policy for destination {}: {}", destination.path(), e.toString());
        }
    }

    private void applyFailurePolicy(CimInstance s, long sinceLastSuccessMillis) {
        Long own = integer(s, "OnFatalErrorPolicy");
        // the service's SubscriptionRemovalAction (2 Remove, 3 Disable, 4 Ignore) as a policy value
        long policyValue = own != null ? own : switch (IndicationServiceProvider.REMOVAL_ACTION) {
            case 2 -> SubscriptionRules.POLICY_REMOVE;
            case 3 -> SubscriptionRules.POLICY_DISABLE;
            default -> SubscriptionRules.POLICY_IGNORE;
        };
        Long trigger = integer(s, "FailureTriggerTimeInterval");
        long triggerMillis = (trigger != null ? trigger : IndicationServiceProvider.REMOVAL_INTERVAL_SECONDS) * 1000;
        if (sinceLastSuccessMillis <= triggerMillis) {
            return;
        }
        if (policyValue == SubscriptionRules.POLICY_REMOVE) {
            LOG.info("subscription {}: its destination has failed for {} ms; removing it (OnFatalErrorPolicy)", s.path(),
                    sinceLastSuccessMillis);
            deleteStored(s.path());
        } else if (policyValue == SubscriptionRules.POLICY_DISABLE
                && !Long.valueOf(SubscriptionRules.DISABLED).equals(integer(s, "SubscriptionState"))) {
            LOG.info("subscription {}: its destination has failed for {} ms; disabling it (OnFatalErrorPolicy)", s.path(),
                    sinceLastSuccessMillis);
            objects.update(s.path(), cur -> cur.toBuilder()
                    .putProperty(cur.property("SubscriptionState").withValue(
                            CimValue.IntegerValue.uint16(SubscriptionRules.DISABLED)))
                    .putProperty(cur.property("TimeOfLastStateChange").withValue(
                            IndicationClasses.timestamp(clock.millis())))
                    .build());
        }
    }

    // ------------------------------------------------------------------ snapshot

    /**
     * Deletes a stored filter, destination or subscription with its record; a destination's queue is
     * dropped by the next {@link #rebuild()}, after the snapshot without it is published.
     */
    private void deleteStored(CimObjectPath path) {
        CimObjectPath local = canonical(path).local();
        objects.delete(local);
        records.remove(local);
        if (!local.className().equals(SUBSCRIPTION) && !local.className().equals(FILTER)) {
            deletedDestinations.add(canonical(local));
        }
    }

    private List<CimInstance> subscriptionsUsing(String role, CimObjectPath target) {
        CimObjectPath t = canonical(target);
        return objects.instancesOf(SUBSCRIPTION).filter(s -> s.value(role) instanceof CimValue.ReferenceValue r
                && canonical(r.path()).equals(t)).toList();
    }

    private long expiresAt(CimInstance subscription) {
        Long start = IndicationClasses.millis(subscription, "SubscriptionStartTime");
        Long duration = integer(subscription, "SubscriptionDuration");
        if (start == null || duration == null || duration < 0 || duration > Long.MAX_VALUE / 2000) {
            return Long.MAX_VALUE;
        }
        return start + duration * 1000;
    }

    /**
     * Rebuilds the snapshot from the stored instances; called under the lock after every change. Only
     * once the snapshot without them is published are deleted destinations' queues dropped: a producer
     * reading the old snapshot meanwhile sends to a destination delivery still has (or, after, one
     * delivery drops as unknown), never recreating a queue for it.
     */
    private void rebuild() {
        compiled.beginRound();
        Map<CimObjectPath, ListenerDestination> destinations = new HashMap<>();
        objects.instancesOf(DESTINATION_CIMXML).forEach(d -> {
            CimObjectPath path = canonical(d.path());
            URI url = compiled.url(d);
            if (url != null) {
                SubscriptionRecords.Record r = records.get(path);
                destinations.put(path, new ListenerDestination(path, url, SubscriptionRules.isTransient(d),
                        r == null ? clock.millis() : r.createdMillis()));
            }
        });
        Map<CimObjectPath, CimInstance> filters = new HashMap<>();
        objects.instancesOf(FILTER).forEach(f -> filters.put(canonical(f.path()), f));
        List<Entry> entries = new ArrayList<>();
        long nextExpiry = Long.MAX_VALUE;
        for (CimInstance s : objects.instancesOf(SUBSCRIPTION).toList()) {
            long expires = expiresAt(s);
            nextExpiry = Math.min(nextExpiry, expires);
            Long state = integer(s, "SubscriptionState");
            if (state != null && state != SubscriptionRules.ENABLED
                    || !(s.value("Filter") instanceof CimValue.ReferenceValue f)
                    || !(s.value("Handler") instanceof CimValue.ReferenceValue h)) {
                continue;
            }
            CimInstance filter = filters.get(canonical(f.path()));
            ListenerDestination destination = destinations.get(canonical(h.path()));
            CompiledQuery query = filter == null ? null : compiled.query(filter);
            if (query == null || destination == null) {
                continue;
            }
            SubscriptionRecords.Record r = records.get(s.path());
            entries.add(new Entry(new ActiveSubscription(canonical(s.path()), string(filter, "Name"), query,
                    SubscriptionRules.sourceNamespaces(filter), destination, r == null ? null : r.owner()), expires));
        }
        snapshot = new Snapshot(List.copyOf(entries), entries.stream().map(Entry::subscription).toList(),
                Map.copyOf(destinations), nextExpiry);
        compiled.endRound();
        for (CimObjectPath d : deletedDestinations) {
            delivery.forget(d);
        }
        deletedDestinations.clear();
    }

    private static String describePath(CimObjectPath p) {
        return p.key("Name") != null && p.key("Name").value() instanceof CimValue.StringValue n ? n.value() : p.toString();
    }

    private static String describe(CimInstance i) {
        String name = string(i, "Name");
        return name != null ? name : i.path().toString();
    }
}
