package org.cimkit.server.providers;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;

/**
 * Which classes are computed by providers, per namespace. A class registered here is served by its
 * provider instead of the static repository; subclasses of it are not implied.
 */
public final class ProviderRegistry {
    // The registrar handed to modules (in the composition root) fills this table; dispatch reads it.
    private record Key(CimNamespace ns, CimName className) {
    }

    private final Map<Key, InstanceProvider> instanceProviders = new ConcurrentHashMap<>();
    private final Map<Key, MethodProvider> methodProviders = new ConcurrentHashMap<>();

    public void registerInstances(CimNamespace ns, CimName className, InstanceProvider p) {
        instanceProviders.put(new Key(ns, className), p);
    }

    public void registerMethods(CimNamespace ns, CimName className, MethodProvider p) {
        methodProviders.put(new Key(ns, className), p);
    }

    public InstanceProvider instanceProvider(CimNamespace ns, CimName className) {
        return instanceProviders.get(new Key(ns, className));
    }

    public MethodProvider methodProvider(CimNamespace ns, CimName className) {
        return methodProviders.get(new Key(ns, className));
    }
}
