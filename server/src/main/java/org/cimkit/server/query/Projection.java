package org.cimkit.server.query;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimValue;

/**
 * A select list applied to an instance. A plain property ({@code Name}, {@code SourceInstance},
 * {@code SourceInstance.*}) is kept whole; a chain into an embedded instance
 * ({@code SourceInstance.CIM_ConcreteJob::JobState}, WQL {@code SourceInstance.JobState}) keeps that
 * embedded instance with only the properties chosen plus its keys, so that a listener can still tell
 * which object it is. The instance keeps its path.
 */
final class Projection {
    private final Set<CimName> whole = new HashSet<>();
    private final Map<CimName, Set<CimName>> inner = new HashMap<>();

    Projection(List<Query.SelectItem> items) {
        for (Query.SelectItem item : items) {
            Expr.Prop top = item.chain().top();
            List<Expr.Step> steps = item.chain().steps();
            if (item.whole() || steps.size() == 1 || !(steps.get(1) instanceof Expr.Prop p)) {
                whole.add(top.name());
            } else {
                inner.computeIfAbsent(top.name(), n -> new HashSet<>()).add(p.name());
            }
        }
        inner.keySet().removeAll(whole);
    }

    /** @param classes finds an embedded instance's class to learn its keys; may return null */
    CimInstance apply(CimInstance instance, Function<CimName, CimClass> classes) {
        CimInstance.Builder b = CimInstance.builder(instance.className()).path(instance.path());
        for (CimProperty p : instance.properties()) {
            if (whole.contains(p.name())) {
                b.property(p);
            } else if (inner.containsKey(p.name())) {
                b.property(reduce(p, inner.get(p.name()), classes));
            }
        }
        return b.build();
    }

    private static CimProperty reduce(CimProperty p, Set<CimName> keep, Function<CimName, CimClass> classes) {
        if (!(p.value() instanceof CimValue.EmbeddedValue e) || !(e.object() instanceof CimInstance in)) {
            return p; // NULL (or not an instance): nothing inside to choose from
        }
        CimClass cls = classes.apply(in.className());
        CimInstance.Builder b = CimInstance.builder(in.className()).path(in.path());
        for (CimProperty q : in.properties()) {
            if (keep.contains(q.name()) || isKey(q, in, cls)) {
                b.property(q);
            }
        }
        return p.withValue(new CimValue.EmbeddedValue(e.type(), b.build()));
    }

    private static boolean isKey(CimProperty q, CimInstance in, CimClass cls) {
        if (q.isKey() || (in.path() != null && in.path().key(q.name().value()) != null)) {
            return true;
        }
        CimProperty declared = cls == null ? null : cls.property(q.name());
        return declared != null && declared.isKey();
    }
}
