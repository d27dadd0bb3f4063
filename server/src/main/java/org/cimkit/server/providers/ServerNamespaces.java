package org.cimkit.server.providers;

import java.util.List;

import org.cimkit.model.CimNamespace;

/** The namespaces of the server, for the provider that serves them as CIM_Namespace instances. */
public interface ServerNamespaces {

    /** Every namespace, sorted by name. */
    List<CimNamespace> names();

    /** Creates an empty namespace (ALREADY_EXISTS when there is one). */
    void create(CimNamespace ns);

    /** Deletes a namespace that holds no instances (NAMESPACE_NOT_EMPTY otherwise). */
    void delete(CimNamespace ns);
}
