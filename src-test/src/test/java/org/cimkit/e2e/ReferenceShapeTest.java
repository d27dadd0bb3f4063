package org.cimkit.e2e;

import static org.cimkit.e2e.RefPoints.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimName;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimValue;
import org.cimkit.model.message.Argument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Defect 8: references have one shape. Associations created by a method used to hold references
 * without a namespace (INSTANCENAME), shipped ones with it (LOCALINSTANCEPATH), so a client
 * (pywbem compares namespaces) found two references to the same VM group unequal. Now every
 * reference an instance holds names its namespace and no host.
 */
@WithServer
class ReferenceShapeTest {
    static CimClient client;

    @BeforeAll
    static void connect(CimClient c) {
        client = c;
    }

    private static CimObjectPath refOf(CimInstance i, String role) {
        return ((CimValue.ReferenceValue) i.value(role)).path();
    }

    @Test
    void methodCreatedAndShippedAssociationsReferToTheGroupAlike() throws Exception {
        CimObjectPath created = createdGroupPoint(client, 2).ref("ResultingReferencePointCollection");

        CimClient.Exchange e = client.call(NS, "EnumerateInstances",
                CimClient.P.className("ClassName", "Msvm_ReferencePointOfVirtualSystemCollection"));
        CimInstance shipped = null;
        CimInstance made = null;
        for (Argument a : CimClient.items(e)) {
            CimInstance i = ((Argument.InstanceArg) a).instance();
            String id = refOf(i, "Dependent").key("CollectionID").value().toLexical();
            if (id.equalsIgnoreCase(RPC)) {
                shipped = i;
            } else if (id.equalsIgnoreCase(created.key("CollectionID").value().toLexical())) {
                made = i;
            }
        }
        assertNotNull(shipped, "the shipped association");
        assertNotNull(made, "the association CreateReferencePoint made");
        assertEquals(refOf(shipped, "Antecedent"), refOf(made, "Antecedent"),
                "both refer to the same VM group with equal paths (namespace and host included)");
        for (CimInstance i : List.of(shipped, made)) {
            for (String role : List.of("Antecedent", "Dependent")) {
                assertEquals(V2, refOf(i, role).namespace(), role + " names the namespace");
                assertNull(refOf(i, role).host(), role + " names no host");
            }
        }
        // On the wire: every reference value of both is a LOCALINSTANCEPATH.
        List<String> shapes = new ArrayList<>();
        Matcher m = Pattern.compile("<VALUE\\.REFERENCE>\\s*<([A-Z.]+)").matcher(e.bodyText());
        while (m.find()) {
            shapes.add(m.group(1));
        }
        assertTrue(shapes.size() >= 4, "references seen: " + shapes);
        assertEquals(List.of("LOCALINSTANCEPATH"), shapes.stream().distinct().toList());
    }

    @Test
    void anAssociationIsFoundWhicheverShapeItsKeyReferencesAreGivenIn() throws Exception {
        CimObjectPath created = createdGroupPoint(client, 2).ref("ResultingReferencePointCollection");
        CimName association = CimName.of("Msvm_ReferencePointOfVirtualSystemCollection");
        List<CimKeyBinding> local = List.of(new CimKeyBinding(CimName.of("Antecedent"),
                new CimValue.ReferenceValue(group().local())), new CimKeyBinding(CimName.of("Dependent"),
                        new CimValue.ReferenceValue(created.local())));
        CimObjectPath byLocalKeys = CimObjectPath.forInstance(null, association, local);
        assertNotNull(get(client, byLocalKeys), "key references without namespace (INSTANCENAME)");
        List<CimKeyBinding> qualified = List.of(new CimKeyBinding(CimName.of("Antecedent"),
                new CimValue.ReferenceValue(group())), new CimKeyBinding(CimName.of("Dependent"),
                        new CimValue.ReferenceValue(created.withNamespace(V2))));
        assertNotNull(get(client, CimObjectPath.forInstance(null, association, qualified)),
                "key references with namespace (LOCALINSTANCEPATH)");
    }
}
