package org.cimkit.mof;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimNamespace;

/** Receives instances as a streaming compile ({@link MofCompiler#compileFile(java.nio.file.Path, InstanceSink)}) builds them. */
@FunctionalInterface
public interface InstanceSink {
    /**
     * Takes a compiled instance (with its path) of class {@code cls} (the resolved class it was
     * built against) in namespace {@code ns}. Returns false when the sink already holds an instance
     * with that path; the compiler then reports a duplicate instance error at the declaration.
     */
    boolean accept(CimNamespace ns, CimClass cls, CimInstance instance);

    /**
     * Hears of each class the compile defines, resolved, in definition order (a superclass before
     * its subclasses), before any instance of it: a repository filled as the compile goes can
     * take the class first. The class is committed to the compiler's model only if the whole
     * compile succeeds.
     */
    default void classDefined(CimNamespace ns, CimClass cls) {
    }
}
