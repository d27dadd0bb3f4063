package org.cimkit.e2e.indications;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.cimkit.e2e.CimClient;
import org.cimkit.e2e.Ops;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimValue;

/**
 * The changes the delivery tests make to have something to be told about: instances of a small class
 * of their own, {@code Cimkit_IndTick} in root/virtualization/v2, each creation of which yields one
 * CIM_InstCreation for the subscriptions of {@link #FILTER}.
 */
public final class Ticks {
    public static final String CLASS = "Cimkit_IndTick";
    public static final String NAMESPACE = Ops.VIRT;
    /** Every creation of a tick, nothing else. */
    public static final String FILTER = "SELECT * FROM CIM_InstCreation WHERE SourceInstance ISA " + CLASS;
    public static final String LANGUAGE = "DMTF:CQL";

    private Ticks() {
    }

    /** Creates the class (once per server and data directory). */
    public static void define(CimClient c) throws IOException, InterruptedException {
        Ops.createClass(c, NAMESPACE, Ops.mofClass("class " + CLASS + " { [Key] string Id; uint32 N; };", CLASS));
    }

    /** Creates ticks {@code prefix-from} .. {@code prefix-(to-1)}, in that order; returns their Ids. */
    public static List<String> create(CimClient c, String prefix, int from, int to) throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        for (int n = from; n < to; n++) {
            String id = prefix + "-" + n;
            Ops.createInstance(c, NAMESPACE, CimInstance.builder(CLASS).property("Id", id)
                    .property("N", CimValue.IntegerValue.uint32(n)).build());
            ids.add(id);
        }
        return ids;
    }

    /** Whether an indication is the creation of a tick. */
    public static boolean isTickCreation(ReceivedIndication i) {
        return i.is("CIM_InstCreation") && i.sourceIs(CLASS);
    }

    /** The Ids of the ticks these indications are about, in order. */
    public static List<String> ids(List<ReceivedIndication> indications) {
        return indications.stream().map(i -> (String) i.sourceValue("Id")).toList();
    }
}
