package org.cimkit.server.dispatch;

import static org.cimkit.server.dispatch.DispatchFixture.INTEROP;
import static org.cimkit.server.dispatch.DispatchFixture.className;
import static org.cimkit.server.dispatch.DispatchFixture.drain;
import static org.cimkit.server.dispatch.DispatchFixture.instance;
import static org.cimkit.server.dispatch.DispatchFixture.path;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.util.List;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimProperty;
import org.cimkit.model.message.ParamValue;
import org.cimkit.server.indications.IndicationConfig;
import org.cimkit.server.indications.delivery.IndicationDelivery;
import org.cimkit.server.indications.delivery.ListenerDestination;
import org.cimkit.server.indications.subscriptions.SubscriptionManager;
import org.junit.jupiter.api.Test;

/**
 * Association traversal when a provider serves the association class (CIM_IndicationSubscription),
 * through the pull operations pywbem uses when the server offers them.
 */
class IndicationSubscriptionDispatchTest {

    private static final IndicationDelivery NO_DELIVERY = new IndicationDelivery() {
        @Override
        public void send(ListenerDestination destination, CimInstance indication) {
        }

        @Override
        public void forget(CimObjectPath destination) {
        }

        @Override
        public void close() {
        }
    };

    @Test
    void pullOperationsFollowProviderServedSubscriptions() throws Exception {
        SubscriptionManager subs = new SubscriptionManager(IndicationConfig.DEFAULT.withDestinations(List.of("*")),
                "testhost", NO_DELIVERY, Clock.systemUTC(), null);
        DispatchFixture f = DispatchFixture.withModules(List.of(SubscriptionManager.indicationsProfile("testhost")),
                List.of(SubscriptionManager.servicePath("testhost")), subs);
        CimObjectPath d = created(f, CimInstance.builder("CIM_ListenerDestinationCIMXML").property("Name", "d")
                .property("Destination", "http://127.0.0.1:5000").build());
        CimObjectPath fl = created(f, CimInstance.builder("CIM_IndicationFilter").property("Name", "f")
                .property("Query", "SELECT * FROM CIM_InstCreation").property("QueryLanguage", "WQL").build());
        CimObjectPath s = created(f, CimInstance.builder("CIM_IndicationSubscription")
                .property(CimProperty.reference("Filter", CimName.of("CIM_IndicationFilter"), fl.withNamespace(INTEROP)))
                .property(CimProperty.reference("Handler", CimName.of("CIM_ListenerDestination"), d.withNamespace(INTEROP)))
                .build());

        OperationResult.Pull refs = (OperationResult.Pull) f.call(INTEROP, "OpenReferenceInstancePaths",
                path("InstanceName", fl.withNamespace(INTEROP)), className("ResultClass", "CIM_IndicationSubscription"),
                max(10));
        assertEquals(List.of(s.local()), refs.paths().stream().map(CimObjectPath::local).toList());
        OperationResult.Pull far = (OperationResult.Pull) f.call(INTEROP, "OpenAssociatorInstances",
                path("InstanceName", d.withNamespace(INTEROP)), className("AssocClass", "CIM_AbstractIndicationSubscription"),
                max(10));
        assertEquals(List.of(fl.local()), far.instances().stream().map(i -> i.path().local()).toList());
    }

    private static ParamValue max(long n) {
        return DispatchFixture.value("MaxObjectCount", Long.toString(n));
    }

    private static CimObjectPath created(DispatchFixture f, CimInstance i) {
        return (CimObjectPath) drain(f.call(INTEROP, "CreateInstance", instance("NewInstance", i))).get(0);
    }
}
