package org.cimkit.server.indications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimDateTime;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimValue;
import org.cimkit.server.changes.InstanceChange;
import org.cimkit.server.changes.MethodCall;
import org.cimkit.server.changes.RaisedIndication;
import org.cimkit.server.indications.delivery.IndicationDelivery;
import org.cimkit.server.indications.delivery.ListenerDestination;
import org.cimkit.server.indications.subscriptions.ActiveSubscription;
import org.cimkit.server.providers.NamespaceAccess;
import org.cimkit.server.providers.NamespaceObjects;
import org.cimkit.server.query.CompiledQuery;
import org.cimkit.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IndicationProducerTest {
    static final CimNamespace INTEROP = CimNamespace.of("root/interop");
    static final CimNamespace VIRT = CimNamespace.of("root/virtualization/v2");
    static final CimNamespace OTHER = CimNamespace.of("root/other");

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T10:00:00Z"));
    final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    final List<Sent> sent = new ArrayList<>();
    final List<ActiveSubscription> active = new ArrayList<>();
    final Map<CimName, CimClass> classes = new HashMap<>();

    record Sent(ListenerDestination destination, CimInstance indication) {
    }

    final IndicationDelivery delivery = new IndicationDelivery() {
        @Override
        public synchronized void send(ListenerDestination destination, CimInstance indication) {
            sent.add(new Sent(destination, indication));
        }

        @Override
        public void forget(CimObjectPath destination) {
        }

        @Override
        public void close() {
        }
    };

    IndicationProducerTest() {
        cls("CIM_Indication", null);
        cls("CIM_InstIndication", "CIM_Indication");
        cls("CIM_InstCreation", "CIM_InstIndication");
        cls("CIM_InstModification", "CIM_InstIndication");
        cls("CIM_InstDeletion", "CIM_InstIndication");
        cls("CIM_InstMethodCall", "CIM_InstIndication");
        cls("CIM_ProcessIndication", "CIM_Indication");
        cls("CIM_AlertIndication", "CIM_ProcessIndication");
        cls("CIM_ManagedElement", null);
        cls("CIM_Job", "CIM_ManagedElement");
        cls("CIM_ConcreteJob", "CIM_Job");
        cls("Msvm_ConcreteJob", "CIM_ConcreteJob");
        cls("Msvm_Disk", "CIM_ManagedElement");
        cls("CIM_AffectedJobElement", null);
    }

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    private void cls(String name, String sup) {
        CimClass.Builder b = CimClass.builder(name);
        if (sup != null) {
            b.superclass(sup);
        }
        classes.put(CimName.of(name), b.build());
    }

    IndicationProducer producer(long progressMillis, NamespaceAccess access) {
        return new IndicationProducer(() -> List.copyOf(active), delivery, access, ns -> objects(ns), INTEROP,
                "cimkit-host", clock, progressMillis, timer);
    }

    ListenerDestination subscribe(String filterName, String query, String owner, CimNamespace... sources) {
        ListenerDestination d = new ListenerDestination(CimObjectPath.parse("root/interop:CIM_ListenerDestinationCIMXML.Name=\""
                + filterName + "\""), URI.create("http://127.0.0.1:5990/"), false, 0);
        active.add(new ActiveSubscription(CimObjectPath.parse("root/interop:CIM_IndicationSubscription.Filter=\"f\""),
                filterName, CompiledQuery.compile("WQL", query), Set.of(sources), d, owner));
        return d;
    }

    static CimInstance job(String id, int state, int percent) {
        return CimInstance.builder("Msvm_ConcreteJob").path(CimObjectPath.parse("Msvm_ConcreteJob.InstanceID=\"" + id + "\""))
                .property("InstanceID", id).property("JobState", CimValue.IntegerValue.uint16(state))
                .property("PercentComplete", CimValue.IntegerValue.uint16(percent)).build();
    }

    static CimInstance disk(String id, String name) {
        return CimInstance.builder("Msvm_Disk").path(CimObjectPath.parse("Msvm_Disk.DeviceID=\"" + id + "\""))
                .property("DeviceID", id).property("ElementName", name).build();
    }

    static CimInstance embedded(CimInstance indication, String property) {
        return (CimInstance) ((CimValue.EmbeddedValue) indication.value(property)).object();
    }

    static long bits(CimInstance i, String property) {
        return ((CimValue.IntegerValue) i.value(property)).bits();
    }

    static String text(CimInstance i, String property) {
        return ((CimValue.StringValue) i.value(property)).value();
    }

    @Test
    void lifecycleIndicationsCarryTheInstanceItsPathTheFilterNameAndThePreviousContent() {
        IndicationProducer p = producer(0, NamespaceAccess.OPEN);
        subscribe("all", "SELECT * FROM CIM_InstIndication", null, VIRT);
        p.instanceChanged(new InstanceChange.Created(VIRT, disk("d1", "a")));
        p.instanceChanged(new InstanceChange.Modified(VIRT, disk("d1", "a"), disk("d1", "b")));
        p.instanceChanged(new InstanceChange.Deleted(VIRT, disk("d1", "b")));
        assertEquals(List.of("CIM_InstCreation", "CIM_InstModification", "CIM_InstDeletion"),
                sent.stream().map(s -> s.indication().className().value()).toList());
        CimInstance mod = sent.get(1).indication();
        assertEquals("all", text(mod, "IndicationFilterName"));
        assertEquals("root/virtualization/v2:Msvm_Disk.DeviceID=\"d1\"", text(mod, "SourceInstanceModelPath"));
        assertEquals("cimkit-host", text(mod, "SourceInstanceHost"));
        assertEquals("b", text(embedded(mod, "SourceInstance"), "ElementName"));
        assertEquals("a", text(embedded(mod, "PreviousInstance"), "ElementName"));
        assertNull(embedded(mod, "SourceInstance").path(), "embedded instances travel without a path");
    }

    @Test
    void aModificationThatChangesNothingYieldsNothing() {
        IndicationProducer p = producer(0, NamespaceAccess.OPEN);
        subscribe("all", "SELECT * FROM CIM_InstModification", null, VIRT);
        p.instanceChanged(new InstanceChange.Modified(VIRT, disk("d1", "a"), disk("d1", "a")));
        assertTrue(sent.isEmpty());
    }

    @Test
    void aJobWhoseElapsedTimeAloneMovedYieldsNothing() {
        IndicationProducer p = producer(0, NamespaceAccess.OPEN);
        subscribe("jobs", "SELECT * FROM CIM_InstModification", null, VIRT);
        CimInstance before = job("j", 4, 0).toBuilder().property("ElapsedTime",
                new CimValue.DateTimeValue(CimDateTime.ofInterval(Duration.ofMillis(12)))).build();
        CimInstance after = job("j", 4, 0).toBuilder().property("ElapsedTime",
                new CimValue.DateTimeValue(CimDateTime.ofInterval(Duration.ofMillis(66)))).build();
        p.instanceChanged(new InstanceChange.Modified(VIRT, before, after));
        assertTrue(sent.isEmpty());
        p.instanceChanged(new InstanceChange.Modified(VIRT, after, job("j", 7, 100).toBuilder().property("ElapsedTime",
                new CimValue.DateTimeValue(CimDateTime.ofInterval(Duration.ofMillis(90)))).build()));
        assertEquals(1, sent.size());
    }

    @Test
    void onlySourceNamespacesTheFromClassAndTheWhereClauseSelect() {
        IndicationProducer p = producer(0, NamespaceAccess.OPEN);
        subscribe("jobs", "SELECT * FROM CIM_InstModification WHERE SourceInstance ISA CIM_ConcreteJob"
                + " AND SourceInstance.JobState = 7", null, VIRT);
        p.instanceChanged(new InstanceChange.Modified(OTHER, job("j", 4, 50), job("j", 7, 100)));
        p.instanceChanged(new InstanceChange.Created(VIRT, job("j", 4, 0)));
        p.instanceChanged(new InstanceChange.Modified(VIRT, disk("d", "a"), disk("d", "b")));
        p.instanceChanged(new InstanceChange.Modified(VIRT, job("j", 3, 0), job("j", 4, 0)));
        p.instanceChanged(new InstanceChange.Modified(VIRT, job("j", 4, 50), job("j", 7, 100)));
        assertEquals(1, sent.size());
        assertEquals(7L, ((CimValue.IntegerValue) embedded(sent.get(0).indication(), "SourceInstance").value("JobState")).bits());
    }

    @Test
    void anOwnerWhoMayNotReadTheNamespaceGetsNothing() {
        NamespaceAccess onlyAlice = new NamespaceAccess() {
            @Override
            public boolean mayRead(String user, CimNamespace ns) {
                return "alice".equals(user);
            }

            @Override
            public boolean mayWrite(String user, CimNamespace ns) {
                return false;
            }
        };
        IndicationProducer p = producer(0, onlyAlice);
        ListenerDestination alice = subscribe("a", "SELECT * FROM CIM_InstCreation", "alice", VIRT);
        subscribe("b", "SELECT * FROM CIM_InstCreation", "bob", VIRT);
        p.instanceChanged(new InstanceChange.Created(VIRT, disk("d", "x")));
        assertEquals(1, sent.size());
        assertEquals(alice, sent.get(0).destination());
    }

    @Test
    void progressIsCoalescedButStateChangesAndTheFinalStateAreNot() throws Exception {
        IndicationProducer p = producer(100, NamespaceAccess.OPEN);
        subscribe("jobs", "SELECT * FROM CIM_InstIndication WHERE SourceInstance ISA CIM_ConcreteJob", null, VIRT);
        p.instanceChanged(new InstanceChange.Created(VIRT, job("j", 3, 0)));
        p.instanceChanged(new InstanceChange.Modified(VIRT, job("j", 3, 0), job("j", 4, 0)));
        clock.advance(Duration.ofMillis(150));
        p.instanceChanged(new InstanceChange.Modified(VIRT, job("j", 4, 0), job("j", 4, 10))); // sent: interval passed
        p.instanceChanged(new InstanceChange.Modified(VIRT, job("j", 4, 10), job("j", 4, 20))); // held
        p.instanceChanged(new InstanceChange.Modified(VIRT, job("j", 4, 20), job("j", 4, 30))); // replaces the held one
        p.instanceChanged(new InstanceChange.Modified(VIRT, job("j", 4, 30), job("j", 7, 100))); // final: at once
        timer.schedule(() -> { }, 300, TimeUnit.MILLISECONDS).get(); // any held flush would have run by now
        List<String> seen;
        synchronized (delivery) {
            seen = sent.stream().map(s -> embedded(s.indication(), "SourceInstance"))
                    .map(i -> bits(i, "JobState") + "/" + bits(i, "PercentComplete")).toList();
        }
        assertEquals(List.of("3/0", "4/0", "4/10", "7/100"), seen);
        CimInstance last = sent.get(sent.size() - 1).indication();
        assertEquals(10L, ((CimValue.IntegerValue) embedded(last, "PreviousInstance").value("PercentComplete")).bits(),
                "PreviousInstance is what the listener saw last");
    }

    @Test
    void aFailedJobRaisesAnAlertAboutTheElementItWorkedOn() {
        IndicationProducer p = producer(0, NamespaceAccess.OPEN);
        subscribe("alerts", "SELECT * FROM CIM_AlertIndication", null, VIRT);
        CimObjectPath jobPath = CimObjectPath.parse("Msvm_ConcreteJob.InstanceID=\"j\"");
        p.instanceChanged(new InstanceChange.Created(VIRT, CimInstance.builder("CIM_AffectedJobElement")
                .path(CimObjectPath.parse("CIM_AffectedJobElement.AffectingElement=\"x\""))
                .property("AffectingElement", new CimValue.ReferenceValue(jobPath))
                .property("AffectedElement", new CimValue.ReferenceValue(CimObjectPath.parse("Msvm_Disk.DeviceID=\"d\"")))
                .build()));
        CimInstance failed = job("j", 10, 40).toBuilder().property("ErrorDescription", "disk full")
                .property("ErrorCode", CimValue.IntegerValue.uint16(32768)).build();
        p.instanceChanged(new InstanceChange.Modified(VIRT, job("j", 4, 40), failed));
        assertEquals(1, sent.size());
        CimInstance alert = sent.get(0).indication();
        assertEquals("CIM_AlertIndication", alert.className().value());
        assertEquals("root/virtualization/v2:Msvm_Disk.DeviceID=\"d\"", text(alert, "AlertingManagedElement"));
        assertTrue(text(alert, "Description").contains("disk full"), text(alert, "Description"));
        assertEquals(4L, ((CimValue.IntegerValue) alert.value("AlertType")).bits());
    }

    @Test
    void methodCallsAndRaisedIndicationsReachTheirSubscriptions() {
        IndicationProducer p = producer(0, NamespaceAccess.OPEN);
        subscribe("calls", "SELECT * FROM CIM_InstMethodCall", null, VIRT);
        subscribe("alerts", "SELECT * FROM CIM_AlertIndication", null, VIRT);
        CimValue job = new CimValue.ReferenceValue(CimObjectPath.parse("Msvm_ConcreteJob.InstanceID=\"j\""));
        CimValue inOut = new CimValue.ReferenceValue(CimObjectPath.parse("Msvm_Disk.DeviceID=\"rp\""));
        // an [IN, OUT] parameter arrives both ways; the secret input must not travel
        p.methodCalled(new MethodCall(VIRT, CimObjectPath.parse("Msvm_Disk.DeviceID=\"d\""), CimName.of("Reset"),
                Map.of(CimName.of("Password"), new CimValue.StringValue("secret"), CimName.of("Result"), inOut),
                CimValue.IntegerValue.uint32(0), Map.of("Job", job, "Result", inOut)));
        p.indicationRaised(new RaisedIndication(VIRT, CimInstance.builder("CIM_AlertIndication")
                .property("Description", "hello").property("IndicationFilterName", "set by the provider").build()));
        assertEquals(2, sent.size());
        CimInstance call = sent.get(0).indication();
        assertEquals("Reset", text(call, "MethodName"));
        assertEquals("0", text(call, "ReturnValue"));
        CimInstance params = embedded(call, "MethodParameters");
        assertNull(params.property("Password"), "inputs are not sent after the call");
        assertEquals("Msvm_ConcreteJob.InstanceID=\"j\"", text(params, "Job"));
        assertEquals("Msvm_Disk.DeviceID=\"rp\"", text(params, "Result"));
        assertEquals("alerts", text(sent.get(1).indication(), "IndicationFilterName"));
    }

    @Test
    void aHeldProgressStepIsSentWhenItsIntervalEnds() throws Exception {
        IndicationProducer p = producer(50, NamespaceAccess.OPEN);
        subscribe("jobs", "SELECT * FROM CIM_InstModification", null, VIRT);
        p.instanceChanged(new InstanceChange.Created(VIRT, job("j", 4, 0)));
        p.instanceChanged(new InstanceChange.Modified(VIRT, job("j", 4, 0), job("j", 4, 10))); // held: just created
        synchronized (delivery) {
            assertTrue(sent.isEmpty());
        }
        clock.advance(Duration.ofMillis(60));
        timer.schedule(() -> { }, 200, TimeUnit.MILLISECONDS).get();
        synchronized (delivery) {
            assertEquals(1, sent.size(), "the held step went out when its interval ended");
            assertEquals(10L, bits(embedded(sent.get(0).indication(), "SourceInstance"), "PercentComplete"));
        }
    }

    @Test
    void anAnnouncementThatLostTheRaceWithTheFinalStateIsDropped() {
        IndicationProducer p = producer(0, NamespaceAccess.OPEN);
        subscribe("jobs", "SELECT * FROM CIM_InstModification", null, VIRT);
        p.instanceChanged(new InstanceChange.Modified(VIRT, job("j", 4, 50), job("j", 7, 100)));
        p.instanceChanged(new InstanceChange.Modified(VIRT, job("j", 4, 40), job("j", 4, 60)));
        assertEquals(1, sent.size(), sent.toString());
        assertEquals(7L, bits(embedded(sent.get(0).indication(), "SourceInstance"), "JobState"));
    }

    private NamespaceObjects objects(CimNamespace ns) {
        return new NamespaceObjects() {
            @Override
            public CimNamespace namespace() {
                return ns;
            }

            @Override
            public CimClass getClass(CimName className) {
                return classes.get(className);
            }

            @Override
            public CimInstance getInstance(CimObjectPath path) {
                return null;
            }

            @Override
            public Stream<CimInstance> instancesOf(CimName className) {
                return Stream.empty();
            }

            @Override
            public Set<CimObjectPath> associationsReferringTo(CimObjectPath target) {
                return Set.of();
            }

            @Override
            public CimInstance shape(CimInstance given) {
                return given;
            }

            @Override
            public CimInstance embeddedInstance(CimValue value, String what) {
                throw new UnsupportedOperationException();
            }

            @Override
            public CimInstance create(CimInstance given) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void update(CimObjectPath path, UnaryOperator<CimInstance> change) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void delete(CimObjectPath path) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void publish(InstanceChange change) {
            }

            @Override
            public void raise(CimInstance indication) {
            }

            @Override
            public boolean hasChangeListeners() {
                return true;
            }
        };
    }
}
