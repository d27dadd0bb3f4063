package org.cimkit.server.indications;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.cimkit.model.CimObjectPath;
import org.cimkit.server.indications.delivery.DeliveryService;
import org.cimkit.server.indications.subscriptions.SubscriptionManager;
import org.cimkit.server.interop.InteropModule;
import org.cimkit.server.interop.ProfileRegistration;
import org.cimkit.server.providers.ProviderModule;
import org.cimkit.server.providers.ProviderRegistrar;
import org.cimkit.server.storage.DurableStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The indication service of DSP1054 as one provider module: the subscription classes in root/interop
 * ({@link SubscriptionManager}), delivery to listeners ({@link DeliveryService}), the producer that
 * listens to the change hook ({@link IndicationProducer}) and the test indication source in
 * {@code test/TestProvider}. Closing it stops delivery; what is queued stays in the store.
 */
public final class IndicationModule implements ProviderModule, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IndicationModule.class);

    private final IndicationConfig config;
    private final String systemName;
    private final Clock clock;
    private final DeliveryService delivery;
    private final SubscriptionManager subscriptions;
    private final ScheduledExecutorService timer;
    /** Expiry writes the journal: on a thread of its own, so an fsync never delays progress indications. */
    private final ScheduledExecutorService expiry;
    private AutoCloseable listening;
    private IndicationProducer producer;

    /**
     * @param systemName the object manager's system: SystemName of the service, filters and destinations,
     *                   and the SourceInstanceHost of indications
     * @param dataDir    where queued indications are kept (null: in memory only)
     * @param store      the repository's durable store (null without a data directory)
     */
    public IndicationModule(IndicationConfig config, String systemName, Path dataDir, DurableStore store, Clock clock) {
        this.config = config;
        this.systemName = systemName;
        this.clock = clock;
        this.delivery = new DeliveryService(config, dataDir, SubscriptionManager.SERVICE_NAME, clock);
        this.subscriptions = new SubscriptionManager(config, systemName, delivery, clock, store);
        this.timer = daemon("cimkit-indication-timer");
        this.expiry = daemon("cimkit-subscription-expiry");
    }

    private static ScheduledExecutorService daemon(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** The indication service's path, for the interop module to host it on the object manager's system. */
    public CimObjectPath servicePath() {
        return SubscriptionManager.servicePath(systemName);
    }

    /** The Indications profile, for the interop module to advertise. */
    public ProfileRegistration profile() {
        return SubscriptionManager.indicationsProfile(systemName);
    }

    @Override
    public void register(ProviderRegistrar registrar) {
        subscriptions.register(registrar);
        delivery.start(subscriptions::destination, subscriptions);
        IndicationProducer producer = new IndicationProducer(subscriptions, delivery, registrar.access(),
                ns -> registrar.hasNamespace(ns) ? registrar.objects(ns) : null, InteropModule.INTEROP, systemName, clock,
                config.progressInterval().toMillis(), timer);
        this.producer = producer;
        listening = registrar.listen(producer);
        // DSP1054: an expired subscription may be deleted; it has stopped receiving already
        expiry.scheduleWithFixedDelay(this::removeExpired, 1, 1, TimeUnit.SECONDS);
        if (registrar.hasNamespace(TestIndicationProvider.NAMESPACE)) {
            registrar.registerMethods(TestIndicationProvider.NAMESPACE, TestIndicationProvider.CLASS,
                    new TestIndicationProvider(clock));
        }
    }

    private void removeExpired() {
        try {
            subscriptions.removeExpired();
        } catch (RuntimeException e) {
            LOG.warn("removing expired subscriptions: {}", e.toString());
        }
    }

    @Override
    public void close() {
        try {
            if (listening != null) {
                listening.close();
            }
        } catch (Exception e) {
            LOG.warn("stopping the indication producer: {}", e.toString());
        } finally {
            timer.shutdownNow();
            expiry.shutdownNow();
            if (producer != null) {
                producer.flush(); // the progress steps still held back go out before delivery stops
            }
            delivery.close();
        }
    }
}
