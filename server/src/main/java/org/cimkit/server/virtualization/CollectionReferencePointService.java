package org.cimkit.server.virtualization;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimName;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimValue;
import org.cimkit.server.jobs.JobRunner;
import org.cimkit.server.jobs.JobSpec;
import org.cimkit.server.providers.MethodResult;
import org.cimkit.server.providers.NamespaceObjects;
import org.cimkit.server.virtualization.MethodInputs.Rejected;
import org.cimkit.server.virtualization.ReturnCodes.ReferencePoint;
import org.cimkit.server.virtualization.ReturnCodes.Vendor;

/**
 * Msvm_CollectionReferencePointService: CreateReferencePoint, DestroyReferencePoint,
 * ExportReferencePoint and RemoveAssociatedData on reference points of VM groups.
 */
final class CollectionReferencePointService extends ReferencePointService {
    static final CimName CLASS = CimName.of("Msvm_CollectionReferencePointService");

    CollectionReferencePointService(JobRunner jobs, ReferencePoints rps, Path exportRoot, FaultInjection defaultFault,
            BusySystems busy) {
        super(jobs, rps, exportRoot, defaultFault, busy);
    }

    private CimInstance collection(MethodInputs in, String name, long bad) throws Rejected {
        CimObjectPath path = in.ref(name);
        if (path == null) {
            throw new Rejected(bad, name + " is required");
        }
        CimInstance rpc = graph().get(path, HyperVObjects.RP_COLLECTION);
        if (rpc == null) {
            throw new Rejected(bad, name + " " + path + " is not an existing Msvm_ReferencePointCollection");
        }
        return rpc;
    }

    // ------------------------------------------------------------------ CreateReferencePoint

    @Override
    MethodResult create(Call call) throws Rejected {
        MethodInputs in = call.in();
        CimObjectPath gp = in.ref("Collection");
        CimInstance group = gp == null ? null : graph().get(gp, HyperVObjects.VS_COLLECTION);
        if (group == null) {
            throw new Rejected(ReferencePoint.INVALID_PARAMETER, "Collection must name an existing Msvm_VirtualSystemCollection");
        }
        CimInstance settings = in.embedded("ReferencePointSettings", HyperVObjects.COLLECTION_RP_SD,
                ReferencePoint.INVALID_PARAMETER);
        int consistency = settings == null ? 2 : HyperVObjects.uint(settings, "ConsistencyLevel");
        if (consistency < 0 || consistency > 2) {
            throw new Rejected(ReferencePoint.INVALID_PARAMETER, "ConsistencyLevel must be 0, 1 or 2");
        }
        int type = referencePointType(in);
        if (graph().groupMembers(group).isEmpty()) {
            throw new Rejected(ReferencePoint.INVALID_STATE,
                    "VM group " + HyperVObjects.str(group, "CollectionID") + " has no members");
        }
        String id = ReferencePoints.guid();
        CimObjectPath result = CimObjectPath.forInstance(call.ns(), HyperVObjects.RP_COLLECTION, List.of(
                CimKeyBinding.of("CollectionID", id),
                CimKeyBinding.of("VirtualSystemCollectionId", HyperVObjects.str(group, "CollectionID"))));
        List<String> vms = graph().groupMembers(group).stream().map(vm -> HyperVObjects.str(vm, "Name")).toList();
        return startOnVms(call, vms, "Create Reference Point on Collection", 205,
                c -> rps.createCollection(id, group, type, consistency, c), "ResultingReferencePointCollection", result);
    }

    // ------------------------------------------------------------------ DestroyReferencePoint

    @Override
    MethodResult destroy(Call call) throws Rejected {
        CimInstance rpc = collection(call.in(), "AffectedReferencePointCollection", ReferencePoint.INVALID_PARAMETER);
        return startDestroy(call, "Delete Reference Point on Collection", 208, rpc, () -> rps.destroyCollection(rpc));
    }

    // ------------------------------------------------------------------ RemoveAssociatedData

    @Override
    MethodResult removeData(Call call) throws Rejected {
        CimInstance rpc = collection(call.in(), "AffectedReferencePointCollection", ReferencePoint.INVALID_PARAMETER);
        return startRemoveData(call, "Remove Associated Data from Reference Point on Collection", 207, rpc);
    }

    // ------------------------------------------------------------------ ExportReferencePoint

    @Override
    MethodResult export(Call call) throws Rejected {
        MethodInputs in = call.in();
        HyperVObjects g = graph();
        CimInstance rpc = collection(in, "ReferencePointCollection", Vendor.INVALID_PARAMETER);
        String groupId = HyperVObjects.str(rpc, "VirtualSystemCollectionId");
        String rpcId = HyperVObjects.str(rpc, "CollectionID");
        CimInstance settings = in.embedded("ExportSettingData", HyperVObjects.COLLECTION_EXPORT_SD, Vendor.INVALID_PARAMETER);
        FaultInjection fault = FaultInjection.fromSetting(settings, defaultFault, Vendor.INVALID_PARAMETER);
        CimInstance base = base(rpc, HyperVObjects.str(settings, "BaseReferencePointCollection"));
        Map<String, CimInstance> rpByVm = new LinkedHashMap<>();
        for (CimInstance rp : g.members(rpc)) {
            rpByVm.put(HyperVObjects.str(rp, "VirtualSystemIdentifier").toUpperCase(Locale.ROOT), rp);
        }
        Map<String, Set<String>> selection = selection(in.objects(), settings, rpByVm, rpcId);
        Path dir = exportDirectory(in);

        List<CimInstance> items = new ArrayList<>();
        items.add(rpc);
        items.addAll(g.assocs(HyperVObjects.RP_OF_VS_COLLECTION, "Dependent", rpc.path()));
        List<String> exportedDisks = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : selection.entrySet()) {
            CimInstance rp = rpByVm.get(e.getKey().toUpperCase(Locale.ROOT));
            items.addAll(ExportContents.referencePoint(g, rp, e.getValue(), exportedDisks));
            items.addAll(g.assocs(HyperVObjects.COLLECTED_RPS, "Member", rp.path()).stream()
                    .filter(a -> a.value("Collection") instanceof CimValue.ReferenceValue r
                            && r.path().local().equals(rpc.path().local()))
                    .toList());
        }
        List<CimInstance> baseItems = new ArrayList<>();
        if (base != null) {
            baseItems.add(base);
            baseItems.addAll(g.members(base));
        }
        String baseId = base == null ? null : HyperVObjects.str(base, "CollectionID");
        Path file = dir.resolve("ReferencePointCollection_" + rpcId + (base == null ? "" : "_base_" + baseId) + ".cimxml");

        JobSpec spec = JobSpec.of(call.ns(), "Msvm_CollectionReferencePointExportJob", "Export Reference Point on Collection",
                null, call.owner())
                .with("CollectionId", new CimValue.StringValue(groupId))
                .with("ReferencePointGroupId", new CimValue.StringValue(rpcId))
                .with("VirtualMachineId", HyperVObjects.strings(new ArrayList<>(selection.keySet())))
                .with("ExportDirectory", new CimValue.StringValue(dir.toString()))
                .with("ExportedDisks", HyperVObjects.strings(exportedDisks));
        if (base != null) {
            spec = spec.with("BaseReferencePointGroupId", new CimValue.StringValue(baseId));
        }
        Map<String, CimValue> onDone = Map.of("ExportedConfigFilePaths", HyperVObjects.strings(List.of(file.toString())));
        return startExport(spec, rpc.path(),
                new ExportTask(call.ns(), exportRoot, file, items, baseItems, fault, onDone));
    }

    /** The base of a differential export (null for a full one): an older collection reference point of the same VM group. */
    private CimInstance base(CimInstance rpc, String baseText) throws Rejected {
        if (baseText == null || baseText.isBlank()) {
            return null;
        }
        CimInstance base = resolveBase(graph(),
                pathSetting("BaseReferencePointCollection", baseText, HyperVObjects.RP_COLLECTION));
        if (base == null) {
            throw new Rejected(Vendor.INVALID_PARAMETER, "BaseReferencePointCollection " + baseText
                    + " is not an existing Msvm_ReferencePointCollection");
        }
        String rpcId = HyperVObjects.str(rpc, "CollectionID");
        String baseId = HyperVObjects.str(base, "CollectionID");
        if (baseId.equalsIgnoreCase(rpcId)) {
            throw new Rejected(Vendor.INVALID_PARAMETER, "BaseReferencePointCollection is the exported collection itself");
        }
        if (!HyperVObjects.str(rpc, "VirtualSystemCollectionId").equalsIgnoreCase(
                HyperVObjects.str(base, "VirtualSystemCollectionId"))) {
            throw new Rejected(Vendor.INVALID_PARAMETER, "BaseReferencePointCollection " + baseId
                    + " belongs to another VM group");
        }
        if (rps.age(baseId) > rps.age(rpcId) || (rps.age(baseId) >= 0 && rps.age(baseId) == rps.age(rpcId))) {
            throw new Rejected(Vendor.INVALID_PARAMETER, "BaseReferencePointCollection " + baseId
                    + " is newer than the exported collection");
        }
        return base;
    }

    /**
     * Which VMs and disks to export: every member with all its disks when VirtualMachinesToDisksToExport
     * is empty, else the listed ones, each of which must be a member VM and list only its disks (an empty
     * disk list means all of them). An entry that cannot be honoured is refused, never skipped.
     */
    private static Map<String, Set<String>> selection(NamespaceObjects objects,
            CimInstance settings, Map<String, CimInstance> rpByVm, String rpcId) throws Rejected {
        Map<String, Set<String>> selection = new LinkedHashMap<>();
        List<CimInstance> listed = MethodInputs.embeddedElements(objects, settings, "VirtualMachinesToDisksToExport",
                HyperVObjects.VM_TO_DISKS, Vendor.INVALID_PARAMETER);
        if (listed.isEmpty()) {
            for (CimInstance rp : rpByVm.values()) {
                selection.put(HyperVObjects.str(rp, "VirtualSystemIdentifier"),
                        new LinkedHashSet<>(HyperVObjects.strs(rp, "VirtualDiskIdentifiers")));
            }
            return selection;
        }
        for (CimInstance v2d : listed) {
            String vm = HyperVObjects.str(v2d, "VirtualMachineId");
            CimInstance rp = vm == null ? null : rpByVm.get(vm.toUpperCase(Locale.ROOT));
            if (rp == null) {
                throw new Rejected(Vendor.INVALID_PARAMETER,
                        "virtual machine " + vm + " is not part of reference point collection " + rpcId);
            }
            List<String> known = HyperVObjects.strs(rp, "VirtualDiskIdentifiers");
            List<String> disks = HyperVObjects.strs(v2d, "DisksToExport");
            for (String d : disks) {
                if (known.stream().noneMatch(k -> k.equalsIgnoreCase(d))) {
                    throw new Rejected(Vendor.INVALID_PARAMETER, "disk " + d + " is not a disk of virtual machine " + vm
                            + " in reference point collection " + rpcId);
                }
            }
            selection.computeIfAbsent(HyperVObjects.str(rp, "VirtualSystemIdentifier"), k -> new LinkedHashSet<>())
                    .addAll(disks.isEmpty() ? known : disks);
        }
        return selection;
    }

    /** The collection a BaseReferencePointCollection path names, or null. */
    private static CimInstance resolveBase(HyperVObjects g, CimObjectPath path) {
        CimKeyBinding id = path.key("CollectionID");
        if (id == null) {
            return null;
        }
        String wanted = id.value().toLexical();
        CimKeyBinding group = path.key("VirtualSystemCollectionId");
        return g.objects().instancesOf(HyperVObjects.RP_COLLECTION)
                .filter(c -> wanted.equalsIgnoreCase(HyperVObjects.str(c, "CollectionID")))
                .filter(c -> group == null
                        || group.value().toLexical().equalsIgnoreCase(HyperVObjects.str(c, "VirtualSystemCollectionId")))
                .findFirst().orElse(null);
    }
}
