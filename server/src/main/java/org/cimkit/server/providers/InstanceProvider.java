package org.cimkit.server.providers;

import java.util.stream.Stream;

import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimStatus;

/**
 * Serves the instances of the classes it is registered for, instead of the static repository.
 * Instances returned carry their local path and every property of their class.
 */
public interface InstanceProvider {

    /** Instances of exactly {@code className} (the dispatcher walks subclasses itself). */
    Stream<CimInstance> enumerate(ProviderContext ctx, CimName className);

    /** The instance named by the local path, or null. */
    default CimInstance get(ProviderContext ctx, CimObjectPath path) {
        return enumerate(ctx, path.className()).filter(i -> i.path().equals(path.local())).findFirst().orElse(null);
    }

    default CimObjectPath create(ProviderContext ctx, CimInstance instance) {
        throw new CimException(CimStatus.NOT_SUPPORTED, "instances of " + instance.className()
                + " are computed by the server and cannot be created");
    }

    default void modify(ProviderContext ctx, CimInstance complete) {
        throw new CimException(CimStatus.NOT_SUPPORTED, "instances of " + complete.className()
                + " are computed by the server and cannot be modified");
    }

    default void delete(ProviderContext ctx, CimObjectPath path) {
        throw new CimException(CimStatus.NOT_SUPPORTED, "instances of " + path.className()
                + " are computed by the server and cannot be deleted");
    }
}
