package org.cimkit.server.indications.subscriptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimStatus;
import org.cimkit.model.message.Argument;
import org.cimkit.model.message.ParamValue;
import org.cimkit.mof.MofCompiler;
import org.cimkit.mof.ShippedSchema;
import org.cimkit.server.dispatch.DispatchFixture;
import org.cimkit.server.dispatch.Dispatcher;
import org.cimkit.server.dispatch.ModuleRegistrar;
import org.cimkit.server.dispatch.OperationResult;
import org.cimkit.server.dispatch.RequestContext;
import org.cimkit.server.indications.IndicationConfig;
import org.cimkit.server.indications.delivery.IndicationDelivery;
import org.cimkit.server.indications.delivery.ListenerDestination;
import org.cimkit.server.interop.InteropModule;
import org.cimkit.server.interop.ServerIdentity;
import org.cimkit.server.providers.ProviderRegistry;
import org.cimkit.server.pull.EnumerationContexts;
import org.cimkit.server.repository.FailSafeJournal;
import org.cimkit.server.repository.InstanceShaper;
import org.cimkit.server.repository.MvStoreJournal;
import org.cimkit.server.repository.Repository;
import org.cimkit.server.repository.ValueConverter;
import org.cimkit.server.security.AccessControl;
import org.cimkit.server.statistics.OperationStatistics;

/**
 * A server without HTTP: the shipped interop namespace with the Interop module and the subscription
 * manager registered, and a source namespace {@code root/test} holding the DMTF core classes (so
 * the indication classes). With a data directory the repository is journaled there, so a second
 * fixture on the same directory is the server after a restart.
 */
final class SubscriptionFixture implements AutoCloseable {
    static final CimNamespace INTEROP = CimNamespace.of("root/interop");
    static final CimNamespace TEST = CimNamespace.of("root/test");
    static final String HOST = "testhost";

    /** Records what the manager tells delivery. */
    static final class FakeDelivery implements IndicationDelivery {
        final List<CimObjectPath> forgotten = new ArrayList<>();
        /** Forgotten destinations the manager still published at the time (delivery would recreate their queues). */
        final List<CimObjectPath> forgottenWhilePublished = new ArrayList<>();
        SubscriptionManager manager;

        @Override
        public void send(ListenerDestination destination, CimInstance indication) {
            throw new UnsupportedOperationException("not used by these tests");
        }

        @Override
        public void forget(CimObjectPath destination) {
            forgotten.add(destination);
            if (manager != null && manager.destination(destination) != null) {
                forgottenWhilePublished.add(destination);
            }
        }

        @Override
        public void close() {
        }
    }

    final Repository repository;
    final Dispatcher dispatcher;
    final SubscriptionManager manager;
    final FakeDelivery delivery = new FakeDelivery();
    private final MvStoreJournal journal;

    SubscriptionFixture(Path dataDir, Clock clock, String aclText, IndicationConfig config) throws Exception {
        repository = new Repository(new InstanceShaper(new ValueConverter(t -> {
            throw new IllegalStateException("no embedded objects here");
        })));
        MofCompiler c = ShippedSchema.compileInto(new MofCompiler(), INTEROP);
        c.defaultNamespace(TEST);
        for (String f : List.of("qualifiers.mof", "cim-core.mof")) {
            c.compileResource("org/cimkit/mof/schema/" + f);
        }
        DispatchFixture.load(repository, c.result());
        journal = dataDir == null ? null : new MvStoreJournal(dataDir);
        if (journal != null) {
            journal.replay(repository);
            repository.journal(new FailSafeJournal(journal));
        }
        AccessControl acl = aclText == null ? null : AccessControl.parse(aclText, "acl");
        ProviderRegistry providers = new ProviderRegistry();
        ModuleRegistrar registrar = new ModuleRegistrar(repository, providers, acl);
        new InteropModule(new ServerIdentity(HOST, "1.0", List.of("http"), false),
                List.of(SubscriptionManager.indicationsProfile(HOST)), List.of(SubscriptionManager.servicePath(HOST)),
                new OperationStatistics()).register(registrar);
        manager = new SubscriptionManager(config, HOST, delivery, clock, journal == null ? null : journal.store());
        delivery.manager = manager;
        manager.register(registrar);
        dispatcher = new Dispatcher(repository, providers, new EnumerationContexts(() -> 0L, 100, 100), acl);
    }

    static SubscriptionFixture open(Clock clock) throws Exception {
        return new SubscriptionFixture(null, clock, null, IndicationConfig.DEFAULT.withDestinations(List.of("*")));
    }


    @Override
    public void close() {
        if (journal != null) {
            journal.close();
        }
    }

    // ------------------------------------------------------------------ operations

    OperationResult call(String user, String operation, ParamValue... params) {
        return dispatcher.intrinsic(new RequestContext(INTEROP, HOST, user, "127.0.0.1"), operation, List.of(params));
    }

    CimObjectPath create(String user, CimInstance instance) {
        OperationResult r = call(user, "CreateInstance", new ParamValue("NewInstance", null, new Argument.InstanceArg(instance)));
        return (CimObjectPath) drain(r).get(0);
    }

    CimObjectPath create(CimInstance instance) {
        return create(null, instance);
    }

    CimInstance get(CimObjectPath path) {
        return get(null, path);
    }

    CimInstance get(String user, CimObjectPath path) {
        return ((OperationResult.SingleInstance) call(user, "GetInstance", path("InstanceName", path))).instance();
    }

    List<Object> enumerate(String operation, String cls) {
        return drain(call(null, operation, new ParamValue("ClassName", null, new Argument.ClassName(CimName.of(cls)))));
    }

    void delete(String user, CimObjectPath path) {
        drain(call(user, "DeleteInstance", path("InstanceName", path)));
    }

    void modify(String user, CimInstance modified, String... propertyList) {
        List<ParamValue> ps = new ArrayList<>();
        ps.add(new ParamValue("ModifiedInstance", null, new Argument.InstanceArg(modified)));
        if (propertyList.length > 0) {
            ps.add(new ParamValue("PropertyList", null, new Argument.TextArray(List.of(propertyList), null)));
        }
        drain(dispatcher.intrinsic(new RequestContext(INTEROP, HOST, user, "127.0.0.1"), "ModifyInstance", ps));
    }

    CimException fails(CimStatus status, Runnable call) {
        CimException e = assertThrows(CimException.class, call::run);
        assertEquals(status, e.status(), e::getMessage);
        return e;
    }

    static ParamValue path(String name, CimObjectPath p) {
        return DispatchFixture.path(name, p);
    }

    static ParamValue className(String name, String cls) {
        return DispatchFixture.className(name, cls);
    }

    /** Reads a streamed result to its end. */
    static List<Object> drain(OperationResult r) {
        return DispatchFixture.drain(r);
    }
}
