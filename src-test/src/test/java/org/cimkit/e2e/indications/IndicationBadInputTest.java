package org.cimkit.e2e.indications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.cimkit.e2e.Await;
import org.cimkit.e2e.CimClient;
import org.cimkit.e2e.CimkitServerExtension;
import org.cimkit.e2e.Ops;
import org.cimkit.e2e.ServerSpec;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimStatus;
import org.cimkit.model.message.CimMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input to the indication service: filters whose query is malformed, in an unknown language or
 * about a class that is no indication; destinations whose URL is bad or whose host the server may
 * not send to (refused at CreateInstance, before any connection); and listeners that answer garbage,
 * hang or close the connection, which get retries while the server keeps answering and other
 * listeners keep receiving, and which get everything once they behave.
 */
class IndicationBadInputTest {
    /** Only loopback listeners; retries every second, never running out during a test. */
    @RegisterExtension
    static final CimkitServerExtension SERVER = new CimkitServerExtension(ServerSpec.inProcess()
            .withIndicationDestinations("127.0.0.0/8").withIndicationRetry(600, Duration.ofSeconds(1)));

    private static CimClient client;
    private static PywbemSubscriptions subs;

    @BeforeAll
    static void connect() throws Exception {
        client = SERVER.client();
        Ticks.define(client);
        subs = new PywbemSubscriptions(client, "bad");
    }

    private static CimMessage.Error refusal(CimClient.Exchange e) {
        CimMessage.Error err = Ops.error(e);
        assertNotNull(err, () -> "accepted: " + e.bodyText());
        return err;
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "DMTF:CQL | SELECT * FROM                                              | INVALID_QUERY",
            "DMTF:CQL | SELEC * FROM CIM_InstCreation                             | INVALID_QUERY",
            "DMTF:CQL | SELECT * FROM CIM_InstCreation WHERE                       | INVALID_QUERY",
            "DMTF:CQL | SELECT * FROM CIM_InstCreation WHERE SourceInstance ISA     | INVALID_QUERY",
            "WQL      | SELECT * FROM CIM_InstCreation WHERE (SourceInstance.N = 1 | INVALID_QUERY",
            "DMTF:CQL | SELECT * FROM Cimkit_NoSuchIndication                      | INVALID_QUERY",
            "XPath    | SELECT * FROM CIM_InstCreation                             | QUERY_LANGUAGE_NOT_SUPPORTED",
            "DMTF:FQL | SELECT * FROM CIM_InstCreation                             | QUERY_LANGUAGE_NOT_SUPPORTED",
            "DMTF:CQL | SELECT * FROM CIM_ComputerSystem                           | INVALID_PARAMETER",
            "WQL      | SELECT * FROM CIM_ManagedElement                           | INVALID_PARAMETER" })
    void badFiltersAreRefusedWithAMessage(String language, String query, CimStatus expected) throws Exception {
        CimMessage.Error e = refusal(subs.tryCreate(subs.filter("pywbemfilter:bad:q", query, language, Ops.VIRT)));
        assertEquals(expected, e.status(), e::description);
        assertTrue(e.description().length() > expected.symbol().length() + 5,
                () -> "the message says what is wrong: " + e.description());
        if (query.contains("NoSuch")) {
            assertTrue(e.description().contains("Cimkit_NoSuchIndication"), () -> "names the class: " + e.description());
        }
        assertTrue(PywbemSubscriptions.instances(client, PywbemSubscriptions.FILTER).stream()
                .noneMatch(f -> "pywbemfilter:bad:q".equals(Ops.text(f, "Name"))), "nothing was created");
    }

    @ParameterizedTest(name = "Destination \"{0}\"")
    @ValueSource(strings = { "ftp://x", "http://", "", "   ", "http://127.0.0.1:notaport", "http://[::1", "https://:5989",
            "http://10.255.255.1:5990", "https://example.invalid:5989" })
    void badOrRefusedDestinationsAreInvalidParameters(String url) throws Exception {
        CimMessage.Error e = refusal(subs.tryCreate(subs.destination("pywbemdestination:bad:url", url,
                PywbemSubscriptions.TRANSIENT)));
        assertEquals(CimStatus.INVALID_PARAMETER, e.status(), e::description);
        assertTrue(e.description().contains("Destination") || e.description().contains("destination"),
                () -> "the message names the Destination: " + e.description());
    }

    /** A destination without a scheme is http (MOF), and loopback passes the host check. */
    @Test
    void destinationWithoutSchemeIsHttp() throws Exception {
        CimObjectPath p = subs.addNamedDestination("pywbemdestination:bad:noscheme", "127.0.0.1:5990",
                PywbemSubscriptions.TRANSIENT);
        Ops.ok(subs.tryDelete(p));
    }

    @ParameterizedTest
    @EnumSource(MisbehavingListener.Behaviour.class)
    void misbehavingListenerGetsRetriesAndThenEverything(MisbehavingListener.Behaviour behaviour) throws Exception {
        String prefix = behaviour.name().toLowerCase(Locale.ROOT);
        try (IndicationReceiver good = IndicationReceiver.start()) {
            PywbemSubscriptions mine = new PywbemSubscriptions(client, prefix);
            CimObjectPath filter = mine.addFilter(Ticks.FILTER, Ticks.LANGUAGE, Ticks.NAMESPACE);
            mine.subscribe(filter, mine.addDestination(good.destination()));
            int port;
            List<String> made;
            try (MisbehavingListener bad = MisbehavingListener.start(behaviour)) {
                port = bad.port();
                mine.subscribe(filter, mine.addDestination(bad.destination()));
                made = Ticks.create(client, prefix, 0, 3);

                // the good listener is not held up by the bad one
                assertEquals(made, Ticks.ids(good.awaitMatching(Ticks::isTickCreation, 3)));
                // the server has tried the bad one, and goes on answering operations meanwhile
                int tries = behaviour == MisbehavingListener.Behaviour.HANG ? 1 : 2;
                Await.until(behaviour + " listener tried " + tries + " time(s)", IndicationReceiver.WAIT,
                        () -> bad.connections() >= tries);
                assertEquals(4, Ops.instanceNames(client, Ops.VIRT, "Msvm_ComputerSystem").size());
                made = new ArrayList<>(made);
                made.addAll(Ticks.create(client, prefix, 3, 5));
                assertEquals(made, Ticks.ids(good.awaitMatching(Ticks::isTickCreation, 5)));
            }
            // the listener behaves now, on the same port: everything arrives, in order
            try (IndicationReceiver fixed = IndicationReceiver.startOn(port)) {
                List<ReceivedIndication> got = fixed.awaitMatching(Ticks::isTickCreation, made.size());
                assertEquals(made, Ticks.ids(got));
                ReceivedIndication.assertConsecutive(got);
            }
            mine.removeAll();
        }
    }
}
