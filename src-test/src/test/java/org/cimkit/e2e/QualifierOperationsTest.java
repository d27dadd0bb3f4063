package org.cimkit.e2e;

import static org.cimkit.e2e.E2e.VIRT;
import static org.cimkit.e2e.E2e.error;
import static org.cimkit.e2e.E2e.healthy;
import static org.cimkit.e2e.E2e.ok;
import static org.cimkit.e2e.E2e.okVoid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;

import org.cimkit.e2e.CimClient.P;
import org.cimkit.model.CimName;
import org.cimkit.model.CimQualifierType;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.model.QualifierFlavors;
import org.cimkit.model.Scope;
import org.cimkit.model.message.Argument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GetQualifier, EnumerateQualifiers, SetQualifier, DeleteQualifier over HTTP. */
@WithServer
class QualifierOperationsTest {
    static CimClient client;

    @BeforeAll
    static void start(RunningServer s) throws Exception {
        client = s.client();
    }

    private static CimQualifierType get(String name) throws Exception {
        List<Argument> items = ok(client.call(VIRT, "GetQualifier", P.value("QualifierName", name)));
        assertEquals(1, items.size());
        return ((Argument.QualifierDecl) items.get(0)).declaration();
    }

    @Test
    void getQualifier() throws Exception {
        CimQualifierType key = get("key");
        assertEquals("Key", key.name().value());
        assertEquals(CimType.BOOLEAN, key.type());
        assertFalse(key.array());
        assertFalse(key.flavors().overridable(), "Key is DisableOverride");
        assertTrue(key.scopes().contains(Scope.PROPERTY));
        CimQualifierType valueMap = get("ValueMap");
        assertTrue(valueMap.array());
        assertEquals(CimType.STRING, valueMap.type());
    }

    @Test
    void getQualifierNotFound() throws Exception {
        error(client.call(VIRT, "GetQualifier", P.value("QualifierName", "E2E_NoSuchQualifier")), 6);
        healthy(client);
    }

    @Test
    void enumerateQualifiers() throws Exception {
        List<Argument> items = ok(client.call(VIRT, "EnumerateQualifiers"));
        List<String> names = items.stream().map(a -> ((Argument.QualifierDecl) a).declaration().name().value()).toList();
        assertTrue(names.size() >= 60, "the shipped declarations: " + names.size());
        assertTrue(names.containsAll(List.of("Key", "Description", "Association", "Abstract", "ValueMap")), names.toString());
    }

    @Test
    void setQualifierCreatesAndReplaces() throws Exception {
        CimQualifierType q = new CimQualifierType(CimName.of("E2E_Note"), CimType.STRING, false, null, null,
                EnumSet.of(Scope.CLASS, Scope.PROPERTY), QualifierFlavors.DEFAULT);
        okVoid(client.call(VIRT, "SetQualifier", P.of("QualifierDeclaration", new Argument.QualifierDecl(q))));
        CimQualifierType got = get("E2E_Note");
        assertEquals(CimType.STRING, got.type());
        assertTrue(got.defaultValue().isNull());
        assertEquals(EnumSet.of(Scope.CLASS, Scope.PROPERTY), EnumSet.copyOf(got.scopes()));

        CimQualifierType replaced = new CimQualifierType(CimName.of("E2E_Note"), CimType.STRING, false, null,
                new CimValue.StringValue("default note"), EnumSet.of(Scope.ANY), new QualifierFlavors(false, true, false, true));
        okVoid(client.call(VIRT, "SetQualifier", P.of("QualifierDeclaration", new Argument.QualifierDecl(replaced))));
        CimQualifierType again = get("E2E_Note");
        assertEquals(new CimValue.StringValue("default note"), again.defaultValue());
        assertFalse(again.flavors().overridable());
        assertTrue(again.flavors().translatable());
        long count = ok(client.call(VIRT, "EnumerateQualifiers")).stream()
                .filter(a -> ((Argument.QualifierDecl) a).declaration().name().is("E2E_Note")).count();
        assertEquals(1, count, "replaced, not added twice");
    }

    @Test
    void deleteQualifier() throws Exception {
        CimQualifierType q = new CimQualifierType(CimName.of("E2E_Gone"), CimType.UINT32, false, null,
                CimValue.IntegerValue.uint32(7), EnumSet.of(Scope.PROPERTY), QualifierFlavors.DEFAULT);
        okVoid(client.call(VIRT, "SetQualifier", P.of("QualifierDeclaration", new Argument.QualifierDecl(q))));
        assertEquals(CimValue.IntegerValue.uint32(7), get("E2E_Gone").defaultValue());
        okVoid(client.call(VIRT, "DeleteQualifier", P.value("QualifierName", "E2E_Gone")));
        error(client.call(VIRT, "GetQualifier", P.value("QualifierName", "E2E_Gone")), 6);
        error(client.call(VIRT, "DeleteQualifier", P.value("QualifierName", "E2E_Gone")), 6);
        healthy(client);
    }
}
