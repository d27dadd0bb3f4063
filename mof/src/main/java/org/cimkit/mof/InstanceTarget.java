package org.cimkit.mof;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.cimkit.model.CimClass;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;

/**
 * Where one compile puts each top-level instance as soon as it is built. {@code declaration}
 * numbers the instance declarations of the compile in source order (instances that wait for a
 * forward alias are built after later ones). Returns false for a duplicate path.
 */
interface InstanceTarget {
    boolean accept(long declaration, CimNamespace ns, CimClass cls, CimInstance instance);

    /** Paths of the instances in a list, for duplicate checks against what a compile builds on. */
    static Set<CimObjectPath> pathsOf(List<CimInstance> instances) {
        Set<CimObjectPath> paths = new HashSet<>();
        instances.forEach(i -> paths.add(i.path()));
        return paths;
    }

    /** All-or-nothing compiles: keeps every instance, hands them over in declaration order. */
    final class Collected implements InstanceTarget {
        private record Entry(long declaration, CimInstance instance) {
        }

        private final Function<CimNamespace, List<CimInstance>> existing;
        private final Map<CimNamespace, Set<CimObjectPath>> paths = new HashMap<>();
        private final Map<CimNamespace, List<Entry>> entries = new LinkedHashMap<>();

        /** {@code existing}: the instances a namespace already has, which new ones must not duplicate. */
        Collected(Function<CimNamespace, List<CimInstance>> existing) {
            this.existing = existing;
        }

        @Override
        public boolean accept(long declaration, CimNamespace ns, CimClass cls, CimInstance instance) {
            if (!paths.computeIfAbsent(ns, n -> pathsOf(existing.apply(n))).add(instance.path())) {
                return false;
            }
            entries.computeIfAbsent(ns, n -> new ArrayList<>()).add(new Entry(declaration, instance));
            return true;
        }

        /** The namespaces that received instances, each with its instances in declaration order. */
        Map<CimNamespace, List<CimInstance>> inDeclarationOrder() {
            Map<CimNamespace, List<CimInstance>> out = new LinkedHashMap<>();
            entries.forEach((ns, list) -> out.put(ns, list.stream()
                    .sorted(Comparator.comparingLong(Entry::declaration)).map(Entry::instance).toList()));
            return out;
        }
    }

    /**
     * Streaming compiles: hands each instance to the caller's sink and keeps nothing. Only the
     * (small) set of paths a namespace already had before the compile is checked here; the sink
     * answers for the instances it received.
     */
    final class Streamed implements InstanceTarget {
        private final InstanceSink sink;
        private final Function<CimNamespace, List<CimInstance>> existing;
        private final Map<CimNamespace, Set<CimObjectPath>> existingPaths = new HashMap<>();

        Streamed(InstanceSink sink, Function<CimNamespace, List<CimInstance>> existing) {
            this.sink = sink;
            this.existing = existing;
        }

        @Override
        public boolean accept(long declaration, CimNamespace ns, CimClass cls, CimInstance instance) {
            Set<CimObjectPath> had = existingPaths.computeIfAbsent(ns, n -> pathsOf(existing.apply(n)));
            return !had.contains(instance.path()) && sink.accept(ns, cls, instance);
        }
    }
}
