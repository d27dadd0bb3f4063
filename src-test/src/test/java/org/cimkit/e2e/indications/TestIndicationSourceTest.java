package org.cimkit.e2e.indications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.cimkit.e2e.CimClient;
import org.cimkit.e2e.RunningServer;
import org.cimkit.e2e.ServerSpec;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimValue;
import org.cimkit.model.message.Argument;
import org.cimkit.model.message.CimMessage;
import org.junit.jupiter.api.Test;
import org.metricshub.wbem.javax.cim.CIMInstance;

/**
 * The test indication source as generic suites use it (pywbem's end-to-end indication test drives
 * OpenPegasus's equivalent): a filter on Test_IndicationProviderClass in test/TestProvider, then
 * SendTestIndicationsCount(n) delivers n indications in order, numbered 1..n, with consecutive
 * SequenceNumbers; the call itself yields a CIM_InstMethodCall with its output parameters and return value.
 */
class TestIndicationSourceTest {
    private static final String NS = "test/TestProvider";
    private static final CimObjectPath SOURCE = CimObjectPath.forClass(CimNamespace.of(NS),
            CimName.of("Test_IndicationProviderClass"));

    @Test
    void sendTestIndicationsCountDeliversThatManyInOrder() throws Exception {
        try (RunningServer server = ServerSpec.inProcess().start(); IndicationReceiver receiver = IndicationReceiver.start()) {
            CimClient client = server.client();
            PywbemSubscriptions subs = new PywbemSubscriptions(client, "testsource");
            CimObjectPath dest = subs.addDestination(receiver.destination());
            subs.subscribe(subs.addFilter("SELECT * FROM Test_IndicationProviderClass", "DMTF:CQL", NS), dest);

            assertEquals(0L, send(client, 25));
            List<ReceivedIndication> got = receiver.await(25);
            ReceivedIndication.assertConsecutive(got);
            for (int i = 0; i < got.size(); i++) {
                assertTrue(got.get(i).is("Test_IndicationProviderClass"), got.get(i).toString());
                assertEquals(i + 1L, ((Number) got.get(i).value("IndicationNumber")).longValue());
                assertEquals("SendTestIndicationsCount", got.get(i).value("MethodName"));
            }
            assertEquals(0L, got.get(0).sequenceNumber(), "a new destination's numbers start at 0");

            CimClient.Exchange tooMany = client.invoke(SOURCE, "SendTestIndicationsCount",
                    Map.of("indicationSendCount", CimValue.IntegerValue.uint32(100_001)));
            assertEquals(CimStatus.INVALID_PARAMETER, tooMany.mresponse().error().status());
        }
    }

    @Test
    void anExtrinsicCallYieldsAMethodCallIndicationWithItsOutputs() throws Exception {
        try (RunningServer server = ServerSpec.inProcess().start(); IndicationReceiver receiver = IndicationReceiver.start()) {
            CimClient client = server.client();
            PywbemSubscriptions subs = new PywbemSubscriptions(client, "calls");
            CimObjectPath dest = subs.addDestination(receiver.destination());
            subs.subscribe(subs.addFilter("SELECT * FROM CIM_InstMethodCall", "WQL", NS), dest);

            send(client, 0);
            ReceivedIndication call = receiver.awaitFirst("the method call", r -> r.is("CIM_InstMethodCall"));
            assertEquals("SendTestIndicationsCount", call.value("MethodName"));
            assertEquals("0", call.value("ReturnValue"));
            assertEquals(Boolean.FALSE, call.value("PreCall"));
            assertTrue(call.value("MethodParameters") instanceof CIMInstance, "MethodParameters is an embedded instance");
        }
    }

    private static long send(CimClient client, int n) throws Exception {
        CimClient.Exchange e = client.invoke(SOURCE, "SendTestIndicationsCount",
                Map.of("indicationSendCount", CimValue.IntegerValue.uint32(n)));
        CimMessage.MethodResponse r = e.mresponse();
        assertEquals(null, r.error(), () -> r.error().description());
        return ((CimValue.IntegerValue) ((Argument.Typed) r.returnValue()).value()).longValue();
    }
}
