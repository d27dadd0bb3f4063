package org.cimkit.server.indications.subscriptions;

import static org.cimkit.server.indications.subscriptions.IndicationClasses.canonical;

import java.util.stream.Stream;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimObjectPath;
import org.cimkit.server.providers.InstanceProvider;
import org.cimkit.server.providers.ProviderContext;

/**
 * CIM_IndicationFilter, CIM_ListenerDestinationCIMXML and CIM_IndicationSubscription as clients
 * see them: stored instances (journaled, kept across restarts, announced on the change hook)
 * that the {@link SubscriptionManager} checks before they are stored or removed. Reads give the
 * stored instances, with a subscription's SubscriptionTimeRemaining computed and an expired one left
 * out; a read never writes (expired subscriptions are deleted by the timer and on changes).
 */
final class StoredObjectsProvider implements InstanceProvider {
    private final SubscriptionManager manager;

    StoredObjectsProvider(SubscriptionManager manager) {
        this.manager = manager;
    }

    @Override
    public Stream<CimInstance> enumerate(ProviderContext ctx, CimName className) {
        return ctx.objects().instancesOf(className).map(manager::forClient).filter(i -> i != null).toList().stream();
    }

    @Override
    public CimInstance get(ProviderContext ctx, CimObjectPath path) {
        CimObjectPath concrete = canonical(path);
        CimInstance i = ctx.objects().getInstance(concrete);
        return i == null || !SubscriptionRules.isA(ctx.objects(), i.className(), path.className()) ? null
                : manager.forClient(i);
    }

    @Override
    public CimObjectPath create(ProviderContext ctx, CimInstance instance) {
        return manager.create(ctx, instance);
    }

    @Override
    public void modify(ProviderContext ctx, CimInstance complete) {
        manager.modify(ctx, complete);
    }

    @Override
    public void delete(ProviderContext ctx, CimObjectPath path) {
        manager.delete(ctx, path);
    }
}
