package org.cimkit.server.virtualization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimValue;
import org.cimkit.server.providers.NamespaceObjects;
import org.cimkit.server.virtualization.MethodInputs.Rejected;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ExportSnapshot's inputs read into one SystemExports.Options per member VM of the demo group. */
class CollectionSnapshotExportTest {
    static final String DEMO_RPC = "E9D2679C-74F0-5E07-B920-69A2C98E1C91";
    static final String RP_WEB = "C9092C9F-FA76-5C53-8424-0531A1EF0B07";
    static final FaultInjection SERVER_FAULT = FaultInjection.parse("delay-ms=1");

    private NamespaceObjects objects;
    private Snapshots snapshots;
    private SnapshotCollections collections;
    private CollectionSnapshotExport export;
    private CimInstance group;

    @BeforeEach
    void open() throws Exception {
        objects = DemoHostObjects.open();
        snapshots = new Snapshots(objects, Clock.systemUTC());
        collections = new SnapshotCollections(objects);
        export = new CollectionSnapshotExport(snapshots, collections, SERVER_FAULT);
        group = DemoHostObjects.group(objects);
    }

    private CimInstance take(String id) {
        List<CimInstance> taken = new ArrayList<>();
        for (CimInstance vm : snapshots.graph().groupMembers(group)) {
            taken.add(snapshots.create("Microsoft:" + ReferencePoints.guid(), vm, true, "H"));
        }
        return collections.create(id, group, SnapshotCollections.RECOVERY, taken);
    }

    private CollectionSnapshotExport.Request request(CimInstance collection, CimInstance settings) throws Rejected {
        Map<CimName, CimValue> in = new LinkedHashMap<>();
        in.put(CimName.of("ExportDirectory"), new CimValue.StringValue("/exports/x"));
        if (settings != null) {
            in.put(CimName.of("ExportSettingData"), CimValue.EmbeddedValue.instance(settings));
        }
        return export.request(new MethodInputs(in, objects), collection);
    }

    private static CimInstance settings(String property, CimValue value) {
        return CimInstance.builder(CollectionSnapshotExport.SETTINGS).property(property, value).build();
    }

    private static String wmi(String classAndKeys) {
        return "\\\\HOST\\root\\virtualization\\v2:" + classAndKeys;
    }

    @Test
    void noSettingsIsAFullExportWithStorageOfEveryMemberIntoItsOwnDirectory() throws Exception {
        CimInstance c = take("11111111-0000-4000-8000-000000000001");
        CollectionSnapshotExport.Request r = request(c, null);
        assertEquals("/exports/x", r.directory());
        assertEquals(SERVER_FAULT, r.fault());
        assertEquals(2, r.options().size());
        r.options().forEach((vm, o) -> {
            assertEquals(collections.memberOf(c, HyperVObjects.str(vm, "Name")).path(), o.snapshot().path());
            assertEquals(true, o.copyVmStorage());
            assertEquals(false, o.copyVmRuntimeInformation());
            assertEquals(true, o.createSubdirectory());
            assertNull(o.differentialBase());
            assertEquals(BackupIntent.PRESERVE_CHAIN, o.backupIntent());
            assertEquals(List.of(), o.excludedDisks());
        });
    }

    @Test
    void settingsAreHonoured() throws Exception {
        CimInstance c = take("11111111-0000-4000-8000-000000000002");
        CimInstance s = CimInstance.builder(CollectionSnapshotExport.SETTINGS).property("CopyVmStorage", CimValue.BooleanValue.FALSE)
                .property("BackupIntent", CimValue.IntegerValue.uint16(2)).property("CimkitFaultInjection", "hang").build();
        CollectionSnapshotExport.Request r = request(c, s);
        assertEquals(FaultInjection.parse("hang"), r.fault());
        r.options().values().forEach(o -> {
            assertEquals(false, o.copyVmStorage());
            assertEquals(BackupIntent.MERGE, o.backupIntent());
        });
    }

    @Test
    void aReferencePointCollectionBaseGivesEachVmItsMemberPoint() throws Exception {
        CimInstance c = take("11111111-0000-4000-8000-000000000003");
        CollectionSnapshotExport.Request r = request(c, settings("DifferentialBackupBase", new CimValue.StringValue(
                wmi("Msvm_ReferencePointCollection.VirtualSystemCollectionId=\"" + DemoHostObjects.GROUP + "\",CollectionID=\""
                        + DEMO_RPC.toLowerCase() + "\""))));
        r.options().forEach((vm, o) -> {
            assertEquals(HyperVObjects.str(vm, "Name"), HyperVObjects.str(o.differentialBase(), "VirtualSystemIdentifier"));
            assertEquals(HyperVObjects.VS_RP, o.differentialBase().className());
        });
        CimInstance web = r.options().keySet().stream().filter(vm -> DemoHostObjects.WEB.equals(HyperVObjects.str(vm, "Name")))
                .findFirst().orElseThrow();
        assertEquals(RP_WEB, HyperVObjects.str(r.options().get(web).differentialBase(), "InstanceID"));
    }

    @Test
    void aSnapshotCollectionBaseGivesEachVmItsMemberSnapshot() throws Exception {
        CimInstance older = take("11111111-0000-4000-8000-000000000004");
        CimInstance c = take("11111111-0000-4000-8000-000000000005");
        CollectionSnapshotExport.Request r = request(c, settings("DifferentialBackupBase", new CimValue.StringValue(
                "root/virtualization/v2:Msvm_SnapshotCollection.CollectionID=\"11111111-0000-4000-8000-000000000004\"")));
        r.options().forEach((vm, o) -> assertEquals(collections.memberOf(older, HyperVObjects.str(vm, "Name")).path(),
                o.differentialBase().path()));
    }

    @Test
    void aBaseMissingAVmIsRefused() throws Exception {
        CimInstance older = take("11111111-0000-4000-8000-000000000006");
        snapshots.destroy(collections.memberOf(older, DemoHostObjects.WEB));
        CimInstance c = take("11111111-0000-4000-8000-000000000007");
        Rejected r = assertThrows(Rejected.class, () -> request(c, settings("DifferentialBackupBase", new CimValue.StringValue(
                wmi("Msvm_SnapshotCollection.CollectionID=\"11111111-0000-4000-8000-000000000006\"")))));
        assertEquals(32773, r.code);
    }
}
