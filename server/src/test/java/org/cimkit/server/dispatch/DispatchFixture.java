package org.cimkit.server.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimStatus;
import org.cimkit.model.message.Argument;
import org.cimkit.model.message.ParamValue;
import org.cimkit.mof.CompiledModel;
import org.cimkit.mof.MofCompiler;
import org.cimkit.mof.ShippedSchema;
import org.cimkit.mof.NamespaceModel;
import org.cimkit.server.interop.InteropModule;
import org.cimkit.server.interop.ProfileRegistration;
import org.cimkit.server.interop.ServerIdentity;
import org.cimkit.server.statistics.OperationStatistics;
import org.cimkit.server.providers.ProviderModule;
import org.cimkit.server.providers.ProviderRegistry;
import org.cimkit.server.pull.EnumerationContexts;
import org.cimkit.server.repository.InstanceShaper;
import org.cimkit.server.repository.Repository;
import org.cimkit.server.repository.ValueConverter;
import org.cimkit.server.security.AccessControl;

/**
 * A dispatcher over an in-memory repository: the shipped interop namespace (with its provider and the
 * statistics classes) and {@code root/test}, whose small schema has a class, a subclass and an
 * association between them.
 */
public final class DispatchFixture {
    static final CimNamespace INTEROP = CimNamespace.of("root/interop");
    static final CimNamespace TEST = CimNamespace.of("root/test");
    static final String TEST_MOF = """
            Qualifier Key : boolean = false, Scope(property, reference), Flavor(DisableOverride, ToSubclass);
            Qualifier Association : boolean = false, Scope(association), Flavor(DisableOverride, ToSubclass);
            Qualifier Description : string = null, Scope(any), Flavor(EnableOverride, ToSubclass, Translatable);

            class T_Thing {
                [Key] string Id;
                string Label;
                uint16 Weight = 1;
            };
            class T_Sub : T_Thing {
                string Extra;
            };
            [Association] class T_Link {
                [Key] T_Thing REF Left;
                [Key] T_Thing REF Right;
            };
            instance of T_Thing as $a { Id = "a"; Label = "first"; Weight = 7; };
            instance of T_Sub as $b { Id = "b"; Label = "second"; Extra = "x"; };
            instance of T_Link { Left = $a; Right = $b; };
            """;

    final Repository repository;
    final Dispatcher dispatcher;
    /** What the object manager's GatherStatisticalData switches. */
    final OperationStatistics statistics = new OperationStatistics();

    private DispatchFixture(AccessControl acl) throws Exception {
        this(acl, List.of(), List.of(), List.of());
    }

    private DispatchFixture(AccessControl acl, List<ProfileRegistration> profiles, List<CimObjectPath> hostedServices,
            List<ProviderModule> modules) throws Exception {
        repository = new Repository(new InstanceShaper(new ValueConverter(t -> {
            throw new IllegalStateException("no embedded objects here");
        })));
        MofCompiler c = ShippedSchema.compileInto(new MofCompiler(), INTEROP);
        c.defaultNamespace(TEST).compileString("test.mof", TEST_MOF);
        load(repository, c.result());
        ProviderRegistry providers = new ProviderRegistry();
        ModuleRegistrar registrar = new ModuleRegistrar(repository, providers, acl);
        new InteropModule(new ServerIdentity("testhost", org.cimkit.server.CimkitServer.VERSION, List.of("http"), false),
                profiles, hostedServices, statistics).register(registrar);
        modules.forEach(m -> m.register(registrar));
        dispatcher = new Dispatcher(repository, providers, new EnumerationContexts(() -> 0L, 100, 100), acl);
    }

    static DispatchFixture open() throws Exception {
        return new DispatchFixture(null);
    }

    static DispatchFixture withAcl(String aclText) throws Exception {
        return new DispatchFixture(AccessControl.parse(aclText, "acl"));
    }

    /** The fixture under an ACL, advertising {@code profiles} next to the interop module's own. */
    static DispatchFixture withAcl(String aclText, List<ProfileRegistration> profiles) throws Exception {
        return new DispatchFixture(AccessControl.parse(aclText, "acl"), profiles, List.of(), List.of());
    }

    /**
     * The fixture with more provider modules registered after Interop (e.g. the indication
     * subscriptions), the profiles they implement advertised by Interop and the services they host
     * on the object manager's system.
     */
    static DispatchFixture withModules(List<ProfileRegistration> profiles, List<CimObjectPath> hostedServices,
            ProviderModule... modules) throws Exception {
        return new DispatchFixture(null, profiles, hostedServices, List.of(modules));
    }

    /** Loads a compiled model into a repository, as the server does at start-up. */
    public static void load(Repository repo, CompiledModel model) {
        for (Map.Entry<CimNamespace, NamespaceModel> e : model.namespaces().entrySet()) {
            repo.namespaceOrCreate(e.getKey());
            e.getValue().qualifierTypes().values().forEach(q -> repo.loadQualifierType(e.getKey(), q));
            e.getValue().classes().values().forEach(cls -> repo.loadClass(e.getKey(), cls));
            e.getValue().instances().forEach(i -> repo.loadInstance(e.getKey(), i));
        }
    }

    /** Compiles more MOF into {@code ns} (created when new), e.g. a second namespace for cross-namespace tests. */
    void compile(CimNamespace ns, String mof) throws Exception {
        MofCompiler c = new MofCompiler().defaultNamespace(ns);
        c.compileString(ns + ".mof", mof);
        load(repository, c.result());
    }

    OperationResult call(String user, CimNamespace ns, String operation, ParamValue... params) {
        return dispatcher.intrinsic(new RequestContext(ns, "testhost", user, "127.0.0.1"), operation, List.of(params));
    }

    OperationResult call(CimNamespace ns, String operation, ParamValue... params) {
        return call(null, ns, operation, params);
    }

    /** An extrinsic method call on {@code target} (a path with its namespace). */
    OperationResult.MethodReturn invoke(CimObjectPath target, String method, ParamValue... params) {
        return invoke(null, target, method, params);
    }

    OperationResult.MethodReturn invoke(String user, CimObjectPath target, String method, ParamValue... params) {
        return (OperationResult.MethodReturn) dispatcher.extrinsic(new RequestContext(target.namespace(), "testhost", user,
                "127.0.0.1"), new org.cimkit.model.message.CimMessage.MethodCall(method, target, List.of(params)));
    }

    /** The error a call fails with, checked to carry {@code status}. */
    CimException fails(CimStatus status, String user, CimNamespace ns, String operation, ParamValue... params) {
        CimException e = assertThrows(CimException.class, () -> drain(call(user, ns, operation, params)));
        assertEquals(status, e.status(), e::getMessage);
        return e;
    }

    CimException fails(CimStatus status, CimNamespace ns, String operation, ParamValue... params) {
        return fails(status, null, ns, operation, params);
    }

    /** Reads a streamed result to its end (errors of lazily read results surface here). */
    public static List<Object> drain(OperationResult r) {
        List<Object> out = new ArrayList<>();
        Stream<?> s;
        if (r instanceof OperationResult.Classes c) {
            s = c.classes();
        } else if (r instanceof OperationResult.ClassNames c) {
            s = c.names();
        } else if (r instanceof OperationResult.NamedInstances n) {
            s = n.instances();
        } else if (r instanceof OperationResult.InstanceNames n) {
            s = n.paths();
        } else if (r instanceof OperationResult.InstancesWithPath n) {
            s = n.instances();
        } else if (r instanceof OperationResult.ClassesWithPath c) {
            s = c.classes();
        } else if (r instanceof OperationResult.ObjectPaths p) {
            s = p.paths();
        } else {
            s = Stream.of(r);
        }
        try (s) {
            s.forEach(out::add);
        }
        return out;
    }

    // ------------------------------------------------------------ parameters

    public static ParamValue className(String name, String cls) {
        return new ParamValue(name, null, new Argument.ClassName(CimName.of(cls)));
    }

    static ParamValue value(String name, String text) {
        return new ParamValue(name, null, new Argument.Text(text, null));
    }

    static ParamValue nul(String name) {
        return new ParamValue(name, null, Argument.Null.INSTANCE);
    }

    public static ParamValue path(String name, CimObjectPath p) {
        return new ParamValue(name, null, new Argument.Path(p));
    }

    static ParamValue instance(String name, CimInstance i) {
        return new ParamValue(name, null, new Argument.InstanceArg(i));
    }

    static ParamValue propertyList(String name, String... props) {
        return new ParamValue(name, null, new Argument.TextArray(List.of(props), null));
    }

    static CimObjectPath thing(String cls, String id) {
        return CimObjectPath.parse(cls + ".Id=\"" + id + "\"");
    }
}
