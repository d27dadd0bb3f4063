package org.cimkit.mof;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cimkit.model.CimNamespace;

/**
 * The schema Cimkit ships (the MOF files under {@code org/cimkit/mof/schema/}): which namespaces it
 * makes and which files each is compiled from, in order. The one list the server loads and the
 * tests compile; README-schema.md describes the files.
 */
public final class ShippedSchema {
    /** The class-path directory of the shipped files. */
    public static final String DIRECTORY = "org/cimkit/mof/schema/";
    public static final CimNamespace VIRTUALIZATION = CimNamespace.of("root/virtualization/v2");
    public static final CimNamespace INTEROP = CimNamespace.of("root/interop");
    /** The namespace pywbem, pywbemcli and most WBEM clients use when told none: the CIM core classes. */
    public static final CimNamespace CIMV2 = CimNamespace.of("root/cimv2");
    /** The test indication source's namespace (Test_IndicationProviderClass), as OpenPegasus names it. */
    public static final CimNamespace TEST_PROVIDER = CimNamespace.of("test/TestProvider");
    /** The standard qualifier declarations, first in every namespace. */
    public static final String QUALIFIERS = "qualifiers.mof";

    private static final Map<CimNamespace, List<String>> FILES = new LinkedHashMap<>();

    static {
        // profiles.mof in the Hyper-V namespace too: its central instances reach their profiles from there
        FILES.put(VIRTUALIZATION, List.of(QUALIFIERS, "cim-core.mof", "profiles.mof", "virtualization-v2.mof", "backup-v2.mof", "demo-host.mof"));
        FILES.put(INTEROP, List.of(QUALIFIERS, "cim-core.mof", "profiles.mof", "interop.mof", "statistics.mof"));
        FILES.put(CIMV2, List.of(QUALIFIERS, "cim-core.mof", "statistics.mof"));
        FILES.put(TEST_PROVIDER, List.of(QUALIFIERS, "cim-core.mof", "test-provider.mof"));
    }

    private ShippedSchema() {
    }

    /** The shipped namespaces, in the order they are compiled. */
    public static List<CimNamespace> namespaces() {
        return List.copyOf(FILES.keySet());
    }

    /** The files of a shipped namespace, in compile order. */
    public static List<String> files(CimNamespace ns) {
        List<String> files = FILES.get(ns);
        if (files == null) {
            throw new IllegalArgumentException(ns + " is not a shipped namespace");
        }
        return files;
    }

    /** Every shipped file, once. */
    public static List<String> allFiles() {
        return FILES.values().stream().flatMap(List::stream).distinct().toList();
    }

    /** Compiles the files of a shipped namespace into it; the compiler's default namespace is left at {@code ns}. */
    public static MofCompiler compileInto(MofCompiler compiler, CimNamespace ns) throws MofException, IOException {
        compiler.defaultNamespace(ns);
        for (String f : files(ns)) {
            compiler.compileResource(DIRECTORY + f);
        }
        return compiler;
    }

    /** The whole shipped schema. */
    public static CompiledModel compile() throws MofException, IOException {
        MofCompiler c = new MofCompiler();
        for (CimNamespace ns : FILES.keySet()) {
            compileInto(c, ns);
        }
        return c.result();
    }
}
