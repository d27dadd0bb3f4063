package org.cimkit.server;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
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
import org.cimkit.mof.ShippedSchema;
import org.cimkit.server.repository.Repository;

/**
 * Compiles the MOF the server starts from (the shipped schema and any --mof files) and loads it
 * into the repository. A --mof file into a new namespace compiles on top of the standard DMTF
 * qualifier declarations (qualifiers.mof). The shipped layout is described in org/cimkit/mof/schema/README-schema.md.
 */
final class SchemaLoader {
    private SchemaLoader() {
    }

    /** The shipped schema (namespaces and files as {@link ShippedSchema} lists them). */
    static CompiledModel shipped() throws MofException, IOException {
        return ShippedSchema.compile();
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
        return new MofCompiler().defaultNamespace(scratch).compileResource(ShippedSchema.DIRECTORY + ShippedSchema.QUALIFIERS).result()
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
