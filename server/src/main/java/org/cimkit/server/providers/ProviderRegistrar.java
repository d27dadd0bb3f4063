package org.cimkit.server.providers;

import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.server.changes.InstanceChangeListener;

/** What a {@link ProviderModule} registers its providers with, and what it may use while doing so. */
public interface ProviderRegistrar {

    boolean hasNamespace(CimNamespace ns);

    /** The objects of a namespace, for providers that work outside a request (jobs). */
    NamespaceObjects objects(CimNamespace ns);

    /** The server's namespaces (for discovery providers). */
    ServerNamespaces namespaces();

    /** The server's access rules. */
    NamespaceAccess access();

    /**
     * Listens to every instance change, method call and raised indication of every namespace (the
     * change hook); closing the handle stops listening.
     */
    AutoCloseable listen(InstanceChangeListener listener);

    /** Serves the instances of exactly this class (not its subclasses) by the provider. */
    void registerInstances(CimNamespace ns, CimName className, InstanceProvider provider);

    /** Carries out the extrinsic methods of this class (and of subclasses that have no provider of their own). */
    void registerMethods(CimNamespace ns, CimName className, MethodProvider provider);
}
