package org.cimkit.server.indications.subscriptions;

import static org.cimkit.server.indications.subscriptions.IndicationClasses.CAPABILITIES;
import static org.cimkit.server.indications.subscriptions.IndicationClasses.COMPUTER_SYSTEM;
import static org.cimkit.server.indications.subscriptions.IndicationClasses.DESTINATION_CIMXML;
import static org.cimkit.server.indications.subscriptions.IndicationClasses.ELEMENT_CAPABILITIES;
import static org.cimkit.server.indications.subscriptions.IndicationClasses.FILTER;
import static org.cimkit.server.indications.subscriptions.IndicationClasses.INTEROP;
import static org.cimkit.server.indications.subscriptions.IndicationClasses.MANAGED_ELEMENT;
import static org.cimkit.server.indications.subscriptions.IndicationClasses.SERVICE;
import static org.cimkit.server.indications.subscriptions.IndicationClasses.SERVICE_AFFECTS_ELEMENT;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimName;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.server.indications.IndicationConfig;
import org.cimkit.server.providers.InstanceProvider;
import org.cimkit.server.providers.ProviderContext;

/**
 * The indication service as DSP1054 shows it, computed: the one CIM_IndicationService with its
 * settings, its CIM_IndicationServiceCapabilities (nothing settable), CIM_ElementCapabilities, and a
 * CIM_ServiceAffectsElement from the service to each filter and listener destination.
 *
 * <p>SubscriptionRemovalAction 4 (Ignore) with SubscriptionRemovalTimeInterval 2592000 s (30 days):
 * the values OpenPegasus advertises. A listener that is down for a while keeps its subscriptions
 * unless a subscription asks otherwise through its OnFatalErrorPolicy; the action applies only to
 * subscriptions whose OnFatalErrorPolicy is NULL (see {@link SubscriptionManager}).
 */
final class IndicationServiceProvider implements InstanceProvider {
    static final int REMOVAL_ACTION = 4;
    static final long REMOVAL_INTERVAL_SECONDS = 2_592_000L;
    static final String CAPABILITIES_ID = "Cimkit:IndicationServiceCapabilities";

    private final IndicationConfig config;
    private final String systemName;
    private final boolean persisted;

    IndicationServiceProvider(IndicationConfig config, String systemName, boolean persisted) {
        this.config = config;
        this.systemName = systemName;
        this.persisted = persisted;
    }

    static CimObjectPath servicePath(String systemName) {
        return CimObjectPath.forInstance(INTEROP, SERVICE, List.of(
                CimKeyBinding.of("SystemCreationClassName", COMPUTER_SYSTEM.value()), CimKeyBinding.of("SystemName", systemName),
                CimKeyBinding.of("CreationClassName", SERVICE.value()), CimKeyBinding.of("Name", SubscriptionManager.SERVICE_NAME)));
    }

    private static CimObjectPath capabilitiesPath() {
        return CimObjectPath.forInstance(INTEROP, CAPABILITIES, List.of(CimKeyBinding.of("InstanceID", CAPABILITIES_ID)));
    }

    @Override
    public Stream<CimInstance> enumerate(ProviderContext ctx, CimName className) {
        if (ctx.objects().getClass(className) == null) {
            return Stream.empty();
        }
        List<CimInstance> out = new ArrayList<>();
        if (className.equals(SERVICE)) {
            out.add(service());
        } else if (className.equals(CAPABILITIES)) {
            out.add(capabilities());
        } else if (className.equals(ELEMENT_CAPABILITIES)) {
            out.add(association(ELEMENT_CAPABILITIES, "ManagedElement", MANAGED_ELEMENT, servicePath(systemName),
                    "Capabilities", CimName.of("CIM_Capabilities"), capabilitiesPath()));
        } else if (className.equals(SERVICE_AFFECTS_ELEMENT)) {
            Stream.concat(ctx.objects().instancesOf(FILTER), ctx.objects().instancesOf(DESTINATION_CIMXML))
                    .forEach(i -> out.add(CimInstance.builder(SERVICE_AFFECTS_ELEMENT)
                            .property(CimProperty.reference("AffectedElement", MANAGED_ELEMENT,
                                    IndicationClasses.canonical(i.path())))
                            .property(CimProperty.reference("AffectingElement", CimName.of("CIM_Service"),
                                    servicePath(systemName)))
                            // 5 = Manages: the service creates, delivers through and removes them
                            .property("ElementEffects", CimValue.ArrayValue.of(CimType.UINT16, CimValue.IntegerValue.uint16(5)))
                            .build()));
        }
        return out.stream().map(i -> shape(ctx, i));
    }

    private CimInstance service() {
        return CimInstance.builder(SERVICE).property("SystemCreationClassName", COMPUTER_SYSTEM.value())
                .property("SystemName", systemName).property("CreationClassName", SERVICE.value())
                .property("Name", SubscriptionManager.SERVICE_NAME).property("ElementName", "Cimkit indication service")
                .property("EnabledState", CimValue.IntegerValue.uint16(2)).property("Started", CimValue.BooleanValue.TRUE)
                .property("FilterCreationEnabled", CimValue.BooleanValue.TRUE)
                .property("DeliveryRetryAttempts", CimValue.IntegerValue.uint16(Math.min(config.retryAttempts(), 65535)))
                .property("DeliveryRetryInterval", CimValue.IntegerValue.uint32(config.retryInterval().toSeconds()))
                .property("SubscriptionRemovalAction", CimValue.IntegerValue.uint16(REMOVAL_ACTION))
                .property("SubscriptionRemovalTimeInterval", CimValue.IntegerValue.uint32(REMOVAL_INTERVAL_SECONDS))
                .build();
    }

    private CimInstance capabilities() {
        CimInstance.Builder b = CimInstance.builder(CAPABILITIES).property("InstanceID", CAPABILITIES_ID)
                .property("ElementName", "Cimkit indication service capabilities");
        for (String p : List.of("FilterCreationEnabledIsSettable", "DeliveryRetryAttemptsIsSettable",
                "DeliveryRetryIntervalIsSettable", "SubscriptionRemovalActionIsSettable",
                "SubscriptionRemovalTimeIntervalIsSettable")) {
            b.property(p, CimValue.BooleanValue.FALSE); // the settings come from the command line
        }
        // no limit: NULL, not the MOF default 1
        b.property("MaxListenerDestinations", CimValue.NullValue.of(CimType.UINT32));
        b.property("MaxActiveSubscriptions", CimValue.NullValue.of(CimType.UINT32));
        // kept across restarts when the server has a data directory (the instances are journaled there)
        b.property("SubscriptionsPersisted", CimValue.BooleanValue.of(persisted));
        return b.build();
    }

    private static CimInstance association(CimName cls, String role1, CimName class1, CimObjectPath p1, String role2,
            CimName class2, CimObjectPath p2) {
        return CimInstance.builder(cls).property(CimProperty.reference(role1, class1, p1))
                .property(CimProperty.reference(role2, class2, p2)).build();
    }

    private static CimInstance shape(ProviderContext ctx, CimInstance given) {
        CimClass cls = ctx.objects().getClass(given.className());
        CimInstance.Builder b = CimInstance.builder(given.className());
        given.properties().stream().filter(p -> cls.property(p.name()) != null).forEach(b::property);
        return ctx.objects().shape(b.build());
    }
}
