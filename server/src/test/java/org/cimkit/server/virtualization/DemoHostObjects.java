package org.cimkit.server.virtualization;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.mof.MofCompiler;
import org.cimkit.mof.ShippedSchema;
import org.cimkit.server.dispatch.DispatchFixture;
import org.cimkit.server.dispatch.RepositoryObjects;
import org.cimkit.server.providers.NamespaceObjects;
import org.cimkit.server.repository.InstanceShaper;
import org.cimkit.server.repository.Repository;
import org.cimkit.server.repository.ValueConverter;

/** The shipped root/virtualization/v2 namespace (schema and demo host) in an in-memory repository, for unit tests. */
final class DemoHostObjects {
    static final CimNamespace NS = ShippedSchema.VIRTUALIZATION;
    static final String GROUP = "78FC5E82-11F0-57BC-B2C7-9A4F74F461C8";
    static final String WEB = "4F9FCDC0-5C4C-521E-B863-91D70FF59557";

    private DemoHostObjects() {
    }

    static NamespaceObjects open() throws Exception {
        Repository repository = new Repository(new InstanceShaper(new ValueConverter(t -> {
            throw new IllegalStateException("no embedded objects here");
        })));
        DispatchFixture.load(repository, ShippedSchema.compileInto(new MofCompiler(), NS).result());
        return new RepositoryObjects(repository, NS);
    }

    static CimInstance group(NamespaceObjects objects) {
        return objects.getInstance(HyperVObjects.path(HyperVObjects.VS_COLLECTION, "CollectionID", GROUP));
    }

    static long count(NamespaceObjects objects, CimName cls) {
        return objects.instancesOf(cls).count();
    }
}
