package org.cimkit.server;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimQualifierType;
import org.cimkit.mof.CompiledModel;
import org.cimkit.mof.MofCompiler;
import org.cimkit.mof.MofException;
import org.cimkit.mof.NamespaceModel;
import org.cimkit.server.repository.Repository;

/**
 * Compiles the MOF the server starts from (the shipped schema and any --mof files) and loads it
 * into the repository. The shipped layout is described in org/cimkit/mof/schema/README-schema.md.
 */
final class SchemaLoader {
    static final CimNamespace VIRTUALIZATION = CimNamespace.of("root/virtualization/v2");
    static final CimNamespace INTEROP = CimNamespace.of("root/interop");
    private static final String SCHEMA = "org/cimkit/mof/schema/";

    private SchemaLoader() {
    }

    /** The shipped schema: the virtualization namespace with its demo host, and the interop namespace. */
    static CompiledModel shipped() throws MofException, IOException {
        MofCompiler c = new MofCompiler().defaultNamespace(VIRTUALIZATION);
        for (String f : List.of("qualifiers.mof", "cim-core.mof", "virtualization-v2.mof", "demo-host.mof")) {
            c.compileResource(SCHEMA + f);
        }
        c.defaultNamespace(INTEROP);
        for (String f : List.of("qualifiers.mof", "cim-core.mof", "interop.mof")) {
            c.compileResource(SCHEMA + f);
        }
        return c.result();
    }

    /** Compiles an extra MOF file into a namespace, on top of what is compiled already. */
    static CompiledModel extra(CompiledModel base, CimNamespace ns, Path file) throws MofException, IOException {
        return new MofCompiler(base).defaultNamespace(ns).compileFile(file).result();
    }

    static void load(Repository repo, CompiledModel model) {
        for (Map.Entry<CimNamespace, NamespaceModel> e : model.namespaces().entrySet()) {
            CimNamespace ns = e.getKey();
            repo.namespaceOrCreate(ns);
            for (CimQualifierType q : e.getValue().qualifierTypes().values()) {
                repo.loadQualifierType(ns, q);
            }
            for (Map.Entry<CimName, CimClass> c : e.getValue().classes().entrySet()) {
                repo.loadClass(ns, c.getValue());
            }
            for (CimInstance i : e.getValue().instances()) {
                repo.loadInstance(ns, i);
            }
        }
    }
}
