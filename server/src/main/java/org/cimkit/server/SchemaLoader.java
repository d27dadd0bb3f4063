package org.cimkit.server;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimQualifierType;
import org.cimkit.mof.CompiledModel;
import org.cimkit.mof.InstanceSink;
import org.cimkit.mof.MofCompiler;
import org.cimkit.mof.MofException;
import org.cimkit.mof.NamespaceModel;
import org.cimkit.server.repository.Repository;

/**
 * Compiles the MOF the server starts from (the shipped schema and any --mof files) and loads it
 * into the repository. A --mof file into a new namespace compiles on top of the standard DMTF
 * qualifier declarations (qualifiers.mof). The shipped layout is described in org/cimkit/mof/schema/README-schema.md.
 */
final class SchemaLoader {
    static final CimNamespace VIRTUALIZATION = CimNamespace.of("root/virtualization/v2");
    static final CimNamespace INTEROP = CimNamespace.of("root/interop");
    /** The namespace pywbem, pywbemcli and most WBEM clients use when told none: the CIM core classes. */
    static final CimNamespace CIMV2 = CimNamespace.of("root/cimv2");
    /** The test indication source's namespace (Test_IndicationProviderClass), as OpenPegasus names it. */
    static final CimNamespace TEST_PROVIDER = CimNamespace.of("test/TestProvider");
    private static final String SCHEMA = "org/cimkit/mof/schema/";

    private SchemaLoader() {
    }

    /**
     * The shipped schema: the virtualization namespace with its demo host, the interop namespace,
     * root/cimv2 (the CIM core classes, for clients that start there; both with the statistics classes) and the test namespace.
     */
    static CompiledModel shipped() throws MofException, IOException {
        MofCompiler c = new MofCompiler().defaultNamespace(VIRTUALIZATION);
        for (String f : List.of("qualifiers.mof", "cim-core.mof", "profiles.mof", "virtualization-v2.mof", "demo-host.mof")) {
            c.compileResource(SCHEMA + f);
        }
        c.defaultNamespace(INTEROP);
        for (String f : List.of("qualifiers.mof", "cim-core.mof", "profiles.mof", "interop.mof", "statistics.mof")) {
            c.compileResource(SCHEMA + f);
        }
        c.defaultNamespace(CIMV2);
        for (String f : List.of("qualifiers.mof", "cim-core.mof", "statistics.mof")) {
            c.compileResource(SCHEMA + f);
        }
        c.defaultNamespace(TEST_PROVIDER);
        for (String f : List.of("qualifiers.mof", "cim-core.mof", "test-provider.mof")) {
            c.compileResource(SCHEMA + f);
        }
        return c.result();
    }

    /**
     * Compiles an extra MOF file into a namespace on top of {@code base} (already in the repository),
     * streaming its instances straight into the repository: one instance at a time is in memory,
     * whatever the file's size. Classes enter the repository as they are defined, qualifier types
     * once the file is compiled. On a MofException the repository holds part of the file; the
     * server does not start then.
     */
    static CompiledModel extra(Repository repo, CompiledModel base, CimNamespace ns, Path file)
            throws MofException, IOException {
        MofCompiler compiler = new MofCompiler(base).defaultNamespace(ns);
        if (!base.namespaces().containsKey(ns) && !repo.hasNamespace(ns)) {
            // a new namespace starts with the standard DMTF qualifiers, so ordinary MOF compiles into it;
            // the file's own declarations replace them
            compiler.qualifierDefaults(ns, standardQualifiers());
        }
        repo.namespaceOrCreate(ns); // also for a file that declares nothing
        CompiledModel model = compiler.compileFile(file, new InstanceSink() {
            @Override
            public void classDefined(CimNamespace n, CimClass cls) {
                repo.loadClass(n, cls);
            }

            @Override
            public boolean accept(CimNamespace n, CimClass cls, CimInstance instance) {
                return repo.loadInstanceIfAbsent(n, instance);
            }
        }).result();
        loadDeclarations(repo, model);
        return model;
    }

    /** The standard DMTF qualifier declarations Cimkit ships (qualifiers.mof). */
    static Collection<CimQualifierType> standardQualifiers() throws MofException, IOException {
        CimNamespace scratch = CimNamespace.of("standard");
        return new MofCompiler().defaultNamespace(scratch).compileResource(SCHEMA + "qualifiers.mof").result()
                .namespaces().get(scratch).qualifierTypes().values();
    }

    /** Loads everything in the model: qualifier types, classes, instances. */
    static void load(Repository repo, CompiledModel model) {
        loadDeclarations(repo, model);
        for (Map.Entry<CimNamespace, NamespaceModel> e : model.namespaces().entrySet()) {
            for (CimInstance i : e.getValue().instances()) {
                repo.loadInstance(e.getKey(), i);
            }
        }
    }

    /** Qualifier types and classes (superclasses first); a class the repository has already is put again, unchanged. */
    private static void loadDeclarations(Repository repo, CompiledModel model) {
        for (Map.Entry<CimNamespace, NamespaceModel> e : model.namespaces().entrySet()) {
            CimNamespace ns = e.getKey();
            repo.namespaceOrCreate(ns);
            for (CimQualifierType q : e.getValue().qualifierTypes().values()) {
                repo.loadQualifierType(ns, q);
            }
            for (CimClass c : e.getValue().classes().values()) {
                repo.loadClass(ns, c);
            }
        }
    }
}
