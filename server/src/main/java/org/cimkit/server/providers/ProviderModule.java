package org.cimkit.server.providers;

/**
 * A package of providers the server plugs in at start. The engine knows modules only through this
 * interface; the server's composition root lists the modules it runs.
 */
public interface ProviderModule {

    /** Registers the module's providers (for the namespaces it serves that exist). */
    void register(ProviderRegistrar registrar);
}
