package org.cimkit.model.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.cimkit.model.CimName;
import org.cimkit.model.CimQualifier;

/**
 * DSP0004 qualifier flavors across inheritance: ToSubclass qualifiers reach subclasses and
 * overriding elements (marked propagated), Restricted ones do not, and a DisableOverride qualifier
 * may only be restated with the same value.
 */
public final class QualifierInheritance {
    private QualifierInheritance() {
    }

    /** What a subclass or overriding element inherits of {@code qualifiers}: the ToSubclass ones, propagated. */
    public static List<CimQualifier> inherited(List<CimQualifier> qualifiers) {
        if (qualifiers.isEmpty()) {
            return List.of();
        }
        List<CimQualifier> out = new ArrayList<>(qualifiers.size());
        for (CimQualifier q : qualifiers) {
            // an already propagated ToSubclass qualifier is its own inherited form: no copy needed
            CimQualifier i = q.propagated() && q.flavors().toSubclass() ? q : q.inherited();
            if (i != null) {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * The qualifiers of an element: its own ({@code local}, in their order, not propagated) followed
     * by the {@code inherited} ones (already in their {@link #inherited} form) it does not set itself.
     * A local qualifier marked propagated that the element does inherit is a restatement (a client
     * sending back a class it read) and stands for the inherited one. Each local value that changes
     * a DisableOverride qualifier is passed to {@code disableOverride} (the inherited qualifier) and
     * kept, so that all problems of a class can be listed.
     */
    public static List<CimQualifier> merge(List<CimQualifier> inherited, List<CimQualifier> local,
            Consumer<CimQualifier> disableOverride) {
        if (local.isEmpty()) {
            return inherited;
        }
        List<CimQualifier> out = new ArrayList<>(local.size() + inherited.size());
        for (CimQualifier q : local) {
            CimQualifier from = find(inherited, q.name());
            if (from != null && q.propagated()) {
                continue;
            }
            if (from != null && !from.flavors().overridable() && !from.value().equals(q.value())) {
                disableOverride.accept(from);
            }
            out.add(q.propagated() ? new CimQualifier(q.name(), q.value(), q.flavors(), false) : q);
        }
        int own = out.size();
        for (CimQualifier i : inherited) {
            if (find(out.subList(0, own), i.name()) == null) {
                out.add(i);
            }
        }
        return out;
    }

    private static CimQualifier find(List<CimQualifier> qualifiers, CimName name) {
        for (CimQualifier q : qualifiers) {
            if (q.name().equals(name)) {
                return q;
            }
        }
        return null;
    }
}
