package org.cimkit.server.virtualization;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimMethod;
import org.cimkit.model.CimName;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimValue;
import org.cimkit.model.xml.CimXmlReader;
import org.cimkit.server.jobs.Job;
import org.cimkit.server.jobs.JobEngine;
import org.cimkit.server.jobs.JobSpec;
import org.cimkit.server.providers.MethodProvider;
import org.cimkit.server.providers.MethodResult;
import org.cimkit.server.providers.ProviderContext;
import org.cimkit.server.providers.ReturnCodes;
import org.cimkit.server.providers.ReturnCodes.ReferencePoint;
import org.cimkit.server.providers.ReturnCodes.Vendor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Msvm_CollectionReferencePointService: CreateReferencePoint, DestroyReferencePoint,
 * ExportReferencePoint and RemoveAssociatedData on reference points of VM groups. Parameters are
 * checked before anything starts (error return, no job); the work runs as a job (4096 + Job).
 */
public final class CollectionReferencePointService implements MethodProvider {
    private static final Logger LOG = LoggerFactory.getLogger(CollectionReferencePointService.class);
    static final CimName CLASS = CimName.of("Msvm_CollectionReferencePointService");

    private final JobEngine jobs;
    private final ReferencePoints rps;
    private final Path exportRoot;
    private final FaultInjection defaultFault;
    private final CimXmlReader reader = new CimXmlReader();

    CollectionReferencePointService(JobEngine jobs, ReferencePoints rps, Path exportRoot, FaultInjection defaultFault) {
        this.jobs = jobs;
        this.rps = rps;
        this.exportRoot = exportRoot;
        this.defaultFault = defaultFault;
    }

    @Override
    public MethodResult invoke(ProviderContext ctx, CimObjectPath target, CimMethod method, Map<CimName, CimValue> in) {
        Params p = new Params(in);
        CimObjectPath owner = target.withNamespace(ctx.namespace());
        try {
            return switch (method.name().value().toLowerCase(java.util.Locale.ROOT)) {
                case "createreferencepoint" -> create(ctx, owner, p);
                case "destroyreferencepoint" -> destroy(ctx, owner, p);
                case "exportreferencepoint" -> export(ctx, owner, p);
                case "removeassociateddata" -> removeData(ctx, owner, p);
                default -> throw new CimException(CimStatus.METHOD_NOT_AVAILABLE, "method " + method.name()
                        + " is not available");
            };
        } catch (Params.Bad b) {
            LOG.info("{}.{} refused with {}: {}", CLASS, method.name(), b.code, b.getMessage());
            return MethodResult.of(CimValue.IntegerValue.uint32(b.code));
        }
    }

    static MethodResult started(Job job, String resultName, CimObjectPath result) {
        Map<String, CimValue> out = new LinkedHashMap<>();
        if (resultName != null) {
            out.put(resultName, new CimValue.ReferenceValue(result));
        }
        out.put("Job", new CimValue.ReferenceValue(job.path()));
        return new MethodResult(CimValue.IntegerValue.uint32(ReturnCodes.JOB_STARTED), out);
    }

    private CimInstance collection(Model m, Params p, String name, long bad) throws Params.Bad {
        CimObjectPath path = p.ref(name);
        if (path == null) {
            throw new Params.Bad(bad, name + " is required");
        }
        CimInstance rpc = m.get(path, Model.RP_COLLECTION);
        if (rpc == null) {
            throw new Params.Bad(bad, name + " " + path + " is not an existing Msvm_ReferencePointCollection");
        }
        return rpc;
    }

    // ------------------------------------------------------------------ CreateReferencePoint

    private MethodResult create(ProviderContext ctx, CimObjectPath owner, Params p) throws Params.Bad {
        Model m = rps.model();
        CimObjectPath gp = p.ref("Collection");
        CimInstance group = gp == null ? null : m.get(gp, Model.VS_COLLECTION);
        if (group == null) {
            throw new Params.Bad(ReferencePoint.INVALID_PARAMETER,
                    "Collection must name an existing Msvm_VirtualSystemCollection");
        }
        CimInstance settings = p.embedded("ReferencePointSettings", Model.COLLECTION_RP_SD,
                ReferencePoint.INVALID_PARAMETER);
        int consistency = settings == null ? 2 : Model.uint(settings, "ConsistencyLevel");
        if (consistency < 0 || consistency > 2) {
            throw new Params.Bad(ReferencePoint.INVALID_PARAMETER, "ConsistencyLevel must be 0, 1 or 2");
        }
        Integer type = p.uint("ReferencePointType");
        if (type == null) {
            throw new Params.Bad(ReferencePoint.INVALID_PARAMETER, "ReferencePointType is required");
        }
        if (type != 1 && type != 2) {
            throw new Params.Bad(ReferencePoint.INVALID_TYPE,
                    "ReferencePointType must be 1 (Log based) or 2 (RCT based), not " + type);
        }
        if (m.groupMembers(group).isEmpty()) {
            throw new Params.Bad(ReferencePoint.INVALID_STATE,
                    "VM group " + Model.str(group, "CollectionID") + " has no members");
        }
        String id = ReferencePoints.guid();
        CimObjectPath result = CimObjectPath.forInstance(ctx.namespace(), Model.RP_COLLECTION, List.of(
                CimKeyBinding.of("CollectionID", id), CimKeyBinding.of("VirtualSystemCollectionId", Model.str(group, "CollectionID"))));
        int t = type;
        Job job = jobs.submit(JobSpec.of(ctx.namespace(), "Msvm_ConcreteJob", "Create Reference Point on Collection", 205,
                owner).cancellable(false), c -> rps.createCollection(id, group, t, consistency, c));
        return started(job, "ResultingReferencePointCollection", result);
    }

    // ------------------------------------------------------------------ DestroyReferencePoint

    private MethodResult destroy(ProviderContext ctx, CimObjectPath owner, Params p) throws Params.Bad {
        CimInstance rpc = collection(rps.model(), p, "AffectedReferencePointCollection", ReferencePoint.INVALID_PARAMETER);
        Job job = jobs.submit(JobSpec.of(ctx.namespace(), "Msvm_ConcreteJob", "Delete Reference Point on Collection", 208,
                owner).cancellable(false), c -> {
                    c.affectedOther(rpc.path(), "Destroyed");
                    rps.destroyCollection(rpc);
                });
        return started(job, null, null);
    }

    // ------------------------------------------------------------------ RemoveAssociatedData

    private MethodResult removeData(ProviderContext ctx, CimObjectPath owner, Params p) throws Params.Bad {
        CimInstance rpc = collection(rps.model(), p, "AffectedReferencePointCollection", ReferencePoint.INVALID_PARAMETER);
        Job job = jobs.submit(JobSpec.of(ctx.namespace(), "Msvm_ConcreteJob",
                "Remove Associated Data from Reference Point on Collection", 207, owner).cancellable(false), c -> {
                    c.affected(rpc.path(), 4);
                    rps.removeAssociatedData(rpc);
                });
        return started(job, null, null);
    }

    // ------------------------------------------------------------------ ExportReferencePoint

    private MethodResult export(ProviderContext ctx, CimObjectPath owner, Params p) throws Params.Bad {
        Model m = rps.model();
        CimInstance rpc = collection(m, p, "ReferencePointCollection", Vendor.INVALID_PARAMETER);
        String groupId = Model.str(rpc, "VirtualSystemCollectionId");
        String rpcId = Model.str(rpc, "CollectionID");
        CimInstance settings = p.embedded("ExportSettingData", Model.COLLECTION_EXPORT_SD, Vendor.INVALID_PARAMETER);
        FaultInjection fault = defaultFault;
        String faultText = Model.str(settings, "CimkitFaultInjection");
        if (faultText != null && !faultText.isBlank()) {
            try {
                fault = FaultInjection.parse(faultText);
            } catch (IllegalArgumentException e) {
                throw new Params.Bad(Vendor.INVALID_PARAMETER, "CimkitFaultInjection: " + e.getMessage());
            }
        }

        // Base of a differential export: an older collection reference point of the same VM group.
        CimInstance base = null;
        String baseText = Model.str(settings, "BaseReferencePointCollection");
        if (baseText != null && !baseText.isBlank()) {
            base = resolveBase(m, baseText);
            if (base == null) {
                throw new Params.Bad(Vendor.INVALID_PARAMETER, "BaseReferencePointCollection " + baseText
                        + " is not an existing Msvm_ReferencePointCollection");
            }
            String baseId = Model.str(base, "CollectionID");
            if (baseId.equalsIgnoreCase(rpcId)) {
                throw new Params.Bad(Vendor.INVALID_PARAMETER,
                        "BaseReferencePointCollection is the exported collection itself");
            }
            if (!groupId.equalsIgnoreCase(Model.str(base, "VirtualSystemCollectionId"))) {
                throw new Params.Bad(Vendor.INVALID_PARAMETER, "BaseReferencePointCollection " + baseId
                        + " belongs to another VM group");
            }
            if (rps.age(baseId) > rps.age(rpcId) || (rps.age(baseId) >= 0 && rps.age(baseId) == rps.age(rpcId))) {
                throw new Params.Bad(Vendor.INVALID_PARAMETER, "BaseReferencePointCollection " + baseId
                        + " is newer than the exported collection");
            }
        }

        // Which VMs and disks: every member by default, else the listed ones (each must belong).
        List<CimInstance> members = m.members(rpc);
        Map<String, CimInstance> rpByVm = new LinkedHashMap<>();
        for (CimInstance rp : members) {
            rpByVm.put(Model.str(rp, "VirtualSystemIdentifier").toUpperCase(java.util.Locale.ROOT), rp);
        }
        Map<String, Set<String>> selection = new LinkedHashMap<>();
        List<String> listed = Model.strs(settings, "VirtualMachinesToDisksToExport");
        if (listed.isEmpty()) {
            for (CimInstance rp : members) {
                selection.put(Model.str(rp, "VirtualSystemIdentifier"), new LinkedHashSet<>(Model.strs(rp, "VirtualDiskIdentifiers")));
            }
        } else {
            for (int i = 0; i < listed.size(); i++) {
                CimInstance v2d = Params.embeddedElement(reader, listed.get(i), Model.VM_TO_DISKS, Vendor.INVALID_PARAMETER,
                        "VirtualMachinesToDisksToExport[" + i + "]");
                String vm = Model.str(v2d, "VirtualMachineId");
                CimInstance rp = vm == null ? null : rpByVm.get(vm.toUpperCase(java.util.Locale.ROOT));
                if (rp == null) {
                    throw new Params.Bad(Vendor.INVALID_PARAMETER,
                            "virtual machine " + vm + " is not part of reference point collection "
                            + rpcId);
                }
                List<String> known = Model.strs(rp, "VirtualDiskIdentifiers");
                List<String> disks = Model.strs(v2d, "DisksToExport");
                for (String d : disks) {
                    if (known.stream().noneMatch(k -> k.equalsIgnoreCase(d))) {
                        throw new Params.Bad(Vendor.INVALID_PARAMETER,
                                "disk " + d + " is not a disk of virtual machine " + vm
                                + " in reference point collection " + rpcId);
                    }
                }
                selection.computeIfAbsent(Model.str(rp, "VirtualSystemIdentifier"), k -> new LinkedHashSet<>())
                        .addAll(disks.isEmpty() ? known : disks);
            }
        }

        Path dir;
        try {
            dir = ExportPaths.prepare(exportRoot, p.string("ExportDirectory"));
        } catch (ExportPaths.Refused r) {
            throw new Params.Bad(r.code(), r.getMessage());
        }

        // Capture what is exported now, so the file is consistent whatever happens meanwhile.
        List<CimInstance> items = new ArrayList<>();
        items.add(rpc);
        items.addAll(m.assocs(Model.RP_OF_VS_COLLECTION, "Dependent", rpc.path()));
        List<String> exportedDisks = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : selection.entrySet()) {
            CimInstance rp = rpByVm.get(e.getKey().toUpperCase(java.util.Locale.ROOT));
            items.add(rp);
            items.addAll(m.assocs(Model.COLLECTED_RPS, "Member", rp.path()).stream()
                    .filter(a -> a.value("Collection") instanceof CimValue.ReferenceValue r && r.path().local().equals(rpc.path().local()))
                    .toList());
            items.addAll(m.assocs(Model.RP_OF_VS, "Dependent", rp.path()));
            items.addAll(VirtualSystemReferencePointService.vmSettings(m, e.getKey(), e.getValue(), exportedDisks));
        }
        List<CimInstance> baseItems = new ArrayList<>();
        if (base != null) {
            baseItems.add(base);
            baseItems.addAll(m.members(base));
        }
        String name = "ReferencePointCollection_" + rpcId + (base == null ? "" : "_base_" + Model.str(base, "CollectionID"))
                + ".cimxml";
        Path file = dir.resolve(name);

        JobSpec spec = JobSpec.of(ctx.namespace(), "Msvm_CollectionReferencePointExportJob",
                "Export Reference Point on Collection", null, owner)
                .with("CollectionId", new CimValue.StringValue(groupId))
                .with("ReferencePointGroupId", new CimValue.StringValue(rpcId))
                .with("VirtualMachineId", Model.strings(new ArrayList<>(selection.keySet())))
                .with("ExportDirectory", new CimValue.StringValue(dir.toString()))
                .with("ExportedDisks", Model.strings(exportedDisks));
        if (base != null) {
            spec = spec.with("BaseReferencePointGroupId", new CimValue.StringValue(Model.str(base, "CollectionID")));
        }
        Map<String, CimValue> onDone = Map.of("ExportedConfigFilePaths", Model.strings(List.of(file.toString())));
        ExportTask task = new ExportTask(ctx.namespace(), exportRoot, file, items, baseItems, fault, onDone);
        CimObjectPath rpcPath = rpc.path();
        Job job = jobs.submit(spec, c -> {
            c.affectedOther(rpcPath, "Exported");
            task.run(c);
        });
        return started(job, null, null);
    }

    /** The collection a BaseReferencePointCollection text names (a CIM path or a WMI-style path), or null. */
    static CimInstance resolveBase(Model m, String text) {
        CimObjectPath path;
        try {
            path = CimObjectPath.parse(text);
        } catch (IllegalArgumentException e) {
            int at = text.indexOf(Model.RP_COLLECTION.value());
            if (at < 0) {
                return null;
            }
            try {
                path = CimObjectPath.parse(text.substring(at));
            } catch (IllegalArgumentException e2) {
                return null;
            }
        }
        if (!path.className().equals(Model.RP_COLLECTION)) {
            return null;
        }
        CimKeyBinding id = path.key("CollectionID");
        if (id == null) {
            return null;
        }
        String wanted = id.value().toLexical();
        CimKeyBinding group = path.key("VirtualSystemCollectionId");
        return m.store().instancesOf(Model.RP_COLLECTION)
                .filter(c -> wanted.equalsIgnoreCase(Model.str(c, "CollectionID")))
                .filter(c -> group == null || group.value().toLexical().equalsIgnoreCase(Model.str(c, "VirtualSystemCollectionId")))
                .findFirst().orElse(null);
    }
}
