package org.cimkit.mof;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cimkit.model.CimClass;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimValue;

/**
 * The instance declarations of one compile and their aliases: each instance is built and handed
 * on as soon as it is declared, unless it uses an alias whose instance comes later; such an
 * instance waits (with its declaration) until the end of the compile.
 */
final class InstanceDeclarations {
    /** What an alias stands for: an instance already built, or one still to build. */
    private sealed interface AliasTarget permits BuiltAlias, PendingInstance {
    }

    /** An instance built already: only its path is kept (null when it had errors). */
    private record BuiltAlias(CimObjectPath path) implements AliasTarget {
    }

    /** An instance declaration, kept until the end of the compile when it uses an alias declared later. */
    private static final class PendingInstance implements AliasTarget {
        final CimNamespace ns;
        final Ast.InstanceDecl decl;
        final long declaration;
        int state; // 0 new, 1 resolving, 2 done
        CimObjectPath path; // null when it failed

        PendingInstance(CimNamespace ns, Ast.InstanceDecl decl, long declaration) {
            this.ns = ns;
            this.decl = decl;
            this.declaration = declaration;
        }
    }

    private final CompileSession session;
    private final InstanceTarget target;
    private final List<PendingInstance> pending = new ArrayList<>();
    private final Map<String, AliasTarget> aliases = new HashMap<>();
    private long declarations;

    InstanceDeclarations(CompileSession session, InstanceTarget target) {
        this.session = session;
        this.target = target;
    }

    /**
     * Builds and delivers an instance declaration at once, unless it uses an alias whose instance
     * is not built yet: then it is kept, with the lines of its text for error excerpts, until
     * the end of the compile ({@code end} is the offset of its last token).
     */
    void add(CimNamespace ns, Ast.InstanceDecl d, long end) {
        PendingInstance pi = new PendingInstance(ns, d, declarations++);
        String alias = null;
        if (d.alias() != null) {
            String key = d.alias().toLowerCase(Locale.ROOT);
            if (aliases.containsKey(key)) {
                session.diag.error(d.aliasPos(), "duplicate alias '$" + d.alias() + "'");
            } else {
                alias = key;
                aliases.put(key, pi); // pending while it is built: a use of its own alias is a cycle
            }
        }
        if (waitsForAlias(d)) {
            d.pos().text().keep(d.pos().offset(), end);
            pending.add(pi);
        } else {
            CimObjectPath path = buildAndDeliver(pi);
            if (alias != null) {
                aliases.put(alias, new BuiltAlias(path));
            }
        }
    }

    /** Builds the instances that waited for forward aliases. */
    void finish() {
        for (PendingInstance pi : pending) {
            resolve(pi);
        }
    }

    /** The reference value an alias stands for; {@code instanceNs} null where aliases are not allowed. */
    CimValue value(Ast.AliasV a, CimNamespace instanceNs) throws ConvError {
        if (instanceNs == null) {
            throw new ConvError(a.pos(), "an alias is only allowed as an instance property value");
        }
        AliasTarget t = aliases.get(a.alias().toLowerCase(Locale.ROOT));
        CimObjectPath path;
        if (t == null) {
            throw new ConvError(a.pos(), "unknown alias '$" + a.alias() + "'");
        } else if (t instanceof BuiltAlias built) {
            path = built.path();
        } else {
            PendingInstance pi = (PendingInstance) t;
            if (pi.state == 1) {
                throw new ConvError(a.pos(), "circular alias reference '$" + a.alias() + "'");
            }
            resolve(pi);
            path = pi.path;
        }
        if (path == null) {
            throw new ConvError(a.pos(), null); // the target's own errors were reported
        }
        return new CimValue.ReferenceValue(path);
    }

    private void resolve(PendingInstance pi) {
        if (pi.state != 0) {
            return;
        }
        pi.state = 1;
        pi.path = buildAndDeliver(pi);
        pi.state = 2;
    }

    /** True when the declaration (or an instance embedded in it) uses an alias not built yet. */
    private boolean waitsForAlias(Ast.InstanceDecl d) {
        for (Ast.PropertyValue pv : d.values()) {
            if (waitsForAlias(pv.value())) {
                return true;
            }
        }
        return false;
    }

    private boolean waitsForAlias(Ast.Value v) {
        if (v instanceof Ast.AliasV a) {
            return !(aliases.get(a.alias().toLowerCase(Locale.ROOT)) instanceof BuiltAlias);
        }
        if (v instanceof Ast.ArrayV av) {
            for (Ast.Value e : av.elements()) {
                if (waitsForAlias(e)) {
                    return true;
                }
            }
            return false;
        }
        return v instanceof Ast.InstanceV iv && waitsForAlias(iv.instance());
    }

    /** Builds a top-level instance and hands it on; its path, null when it had errors. */
    private CimObjectPath buildAndDeliver(PendingInstance pi) {
        CimInstance inst = session.instances.build(pi.ns, pi.decl, true);
        if (inst == null) {
            return null;
        }
        CimClass cls = session.state(pi.ns).classes.get(inst.className());
        if (!target.accept(pi.declaration, pi.ns, cls, inst)) {
            session.diag.error(pi.decl.pos(), "duplicate instance " + inst.path());
        }
        return inst.path();
    }
}
