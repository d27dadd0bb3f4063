package org.cimkit.e2e;

import static org.cimkit.e2e.E2e.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.cimkit.e2e.CimClient.P;
import org.cimkit.model.CimInstance;
import org.cimkit.model.message.Argument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * root/cimv2, the namespace pywbem, pywbemcli and most WBEM clients open when they are told none,
 * exists with the CIM core classes: a client's first steps there work.
 */
@WithServer
class DefaultNamespaceTest {
    private static final String CIMV2 = "root/cimv2";
    static CimClient client;

    @BeforeAll
    static void start(RunningServer s) throws Exception {
        client = s.client();
    }

    @Test
    void rootCimv2HoldsTheCoreClasses() throws Exception {
        List<Argument> names = ok(client.call(CIMV2, "EnumerateClassNames", P.value("DeepInheritance", "true")));
        Set<String> classes = names.stream().map(a -> ((Argument.ClassName) a).name().value()).collect(Collectors.toSet());
        for (String c : List.of("CIM_ManagedElement", "CIM_ComputerSystem", "CIM_ConcreteJob", "CIM_InstModification")) {
            assertTrue(classes.contains(c), c + " in " + classes);
        }
    }

    @Test
    void pywbemclisConnectionTestSucceedsThere() throws Exception {
        // what `pywbemcli connection test` sends to the default namespace
        CimClient.Exchange e = client.call(CIMV2, "OpenQueryInstances", P.value("FilterQueryLanguage", "DMTF:CQL"),
                P.value("FilterQuery", "SELECT * FROM CIM_ManagedElement"));
        assertEquals(List.of(), ok(e), "no MaxObjectCount: no objects in the Open response");
        assertTrue(e.bodyText().contains("<PARAMVALUE NAME=\"EndOfSequence\" PARAMTYPE=\"boolean\">"), e.bodyText());
        Matcher context = Pattern
                .compile("NAME=\"EnumerationContext\" PARAMTYPE=\"string\"><VALUE>([^<]+)<").matcher(e.bodyText());
        if (context.find()) {
            E2e.okVoid(client.call(CIMV2, "CloseEnumeration", P.value("EnumerationContext", context.group(1))));
        }
    }

    @Test
    void theOnlyInstancesThereAreTheOperationStatistics() throws Exception {
        // fact sheet interop-profiles 6.10: CIM_CIMOMStatisticalData is served in root/cimv2 too
        List<CimInstance> all = E2e.instances(ok(client.call(CIMV2, "EnumerateInstances",
                P.className("ClassName", "CIM_ManagedElement"))));
        assertFalse(all.isEmpty());
        for (CimInstance i : all) {
            assertEquals("CIM_CIMOMStatisticalData", i.className().value(), i.toString());
        }
    }
}
