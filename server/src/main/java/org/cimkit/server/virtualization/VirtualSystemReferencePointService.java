package org.cimkit.server.virtualization;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimName;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimValue;
import org.cimkit.server.jobs.JobFailure;
import org.cimkit.server.jobs.JobRunner;
import org.cimkit.server.jobs.JobSpec;
import org.cimkit.server.providers.MethodResult;
import org.cimkit.server.virtualization.MethodInputs.Rejected;
import org.cimkit.server.virtualization.ReturnCodes.ReferencePoint;
import org.cimkit.server.virtualization.ReturnCodes.Vendor;

/**
 * Msvm_VirtualSystemReferencePointService: CreateReferencePoint (DMTF-style return map),
 * DestroyReferencePoint, ExportReferencePoint, RemoveAssociatedData and
 * ImportReferencePointMetadata (0 / 4096 / 32768.. map).
 */
final class VirtualSystemReferencePointService extends ReferencePointService {
    static final CimName CLASS = CimName.of("Msvm_VirtualSystemReferencePointService");

    VirtualSystemReferencePointService(JobRunner jobs, ReferencePoints rps, Path exportRoot, FaultInjection defaultFault,
            BusySystems busy) {
        super(jobs, rps, exportRoot, defaultFault, busy);
    }

    @Override
    MethodResult other(String method, Call call) throws Rejected {
        return method.equals("importreferencepointmetadata") ? importMetadata(call) : null;
    }

    /** A VM (not the host: it has a VSSD) named by a REF parameter. */
    private CimInstance vm(MethodInputs in, String name, long bad) throws Rejected {
        CimObjectPath path = in.ref(name);
        CimInstance vm = path == null ? null : graph().get(path, HyperVObjects.COMPUTER_SYSTEM);
        if (vm == null || graph().vssd(HyperVObjects.str(vm, "Name")) == null) {
            throw new Rejected(bad, name + " must name an existing virtual machine (Msvm_ComputerSystem)");
        }
        return vm;
    }

    private CimInstance rp(MethodInputs in, String name) throws Rejected {
        CimObjectPath path = in.ref(name);
        CimInstance rp = path == null ? null : graph().get(path, HyperVObjects.VS_RP);
        if (rp == null) {
            throw new Rejected(Vendor.INVALID_PARAMETER, name + " must name an existing Msvm_VirtualSystemReferencePoint");
        }
        return rp;
    }

    @Override
    MethodResult create(Call call) throws Rejected {
        MethodInputs in = call.in();
        CimInstance vm = vm(in, "AffectedSystem", ReferencePoint.INVALID_PARAMETER);
        CimInstance settings = in.embedded("ReferencePointSettings", HyperVObjects.VS_RP_SD, ReferencePoint.INVALID_PARAMETER);
        int consistency = settings == null ? 2 : HyperVObjects.uint(settings, "ConsistencyLevel");
        int type = referencePointType(in);
        String id = ReferencePoints.guid();
        CimObjectPath result = CimObjectPath.forInstance(call.ns(), HyperVObjects.VS_RP, List.of(
                CimKeyBinding.of("InstanceID", id), CimKeyBinding.of("VirtualSystemIdentifier", HyperVObjects.str(vm, "Name"))));
        return startOnVms(call, List.of(HyperVObjects.str(vm, "Name")), "Create Reference Point", 201, c -> {
            if (graph().get(vm.path()) == null) { // removed while the job was queued
                throw new JobFailure(Vendor.INVALID_STATE, "Reference point failed",
                        "virtual machine " + HyperVObjects.str(vm, "Name") + " no longer exists");
            }
            rps.createVsReferencePoint(id, vm, type, consistency, HyperVObjects.str(vm, "ElementName") + " reference point", c);
        }, "ResultingReferencePoint", result);
    }

    @Override
    MethodResult destroy(Call call) throws Rejected {
        CimInstance rp = rp(call.in(), "AffectedReferencePoint");
        if (!graph().collectionsOf(rp).isEmpty()) {
            throw new Rejected(Vendor.INVALID_STATE, "reference point " + HyperVObjects.str(rp, "InstanceID")
                    + " belongs to a collection reference point: destroy the collection instead");
        }
        return startDestroy(call, "Delete Reference Point", 202, rp, () -> rps.destroyVsReferencePoint(rp));
    }

    @Override
    MethodResult removeData(Call call) throws Rejected {
        CimInstance rp = rp(call.in(), "AffectedReferencePoint");
        return startRemoveData(call, "Remove Associated Data from Reference Point", 204, rp);
    }

    @Override
    MethodResult export(Call call) throws Rejected {
        MethodInputs in = call.in();
        CimInstance rp = rp(in, "ReferencePoint");
        String vmGuid = HyperVObjects.str(rp, "VirtualSystemIdentifier");
        String rpId = HyperVObjects.str(rp, "InstanceID");
        CimInstance settings = in.embedded("ExportSettingData", HyperVObjects.VS_EXPORT_SD, Vendor.INVALID_PARAMETER);
        CimInstance base = null;
        String baseText = HyperVObjects.str(settings, "BaseReferencePoint");
        if (baseText != null && !baseText.isBlank()) {
            base = graph().get(pathSetting("BaseReferencePoint", baseText, HyperVObjects.VS_RP), HyperVObjects.VS_RP);
            if (base == null || !vmGuid.equalsIgnoreCase(HyperVObjects.str(base, "VirtualSystemIdentifier"))
                    || HyperVObjects.str(base, "InstanceID").equalsIgnoreCase(rpId)) {
                throw new Rejected(Vendor.INVALID_PARAMETER,
                        "BaseReferencePoint must name another reference point of the same virtual machine");
            }
        }
        List<String> known = HyperVObjects.strs(rp, "VirtualDiskIdentifiers");
        List<String> wanted = HyperVObjects.strs(settings, "DisksToExport");
        for (String d : wanted) {
            if (known.stream().noneMatch(k -> k.equalsIgnoreCase(d))) {
                throw new Rejected(Vendor.INVALID_PARAMETER, "disk " + d + " is not a disk of reference point " + rpId);
            }
        }
        Set<String> disks = new LinkedHashSet<>(wanted.isEmpty() ? known : wanted);
        Path dir = exportDirectory(in);
        List<String> exportedDisks = new ArrayList<>();
        List<CimInstance> items = ExportContents.referencePoint(graph(), rp, disks, exportedDisks);
        List<CimInstance> baseItems = base == null ? List.of() : List.of(base);
        Path file = dir.resolve("VirtualSystemReferencePoint_" + rpId
                + (base == null ? "" : "_base_" + HyperVObjects.str(base, "InstanceID")) + ".cimxml");
        JobSpec spec = JobSpec.of(call.ns(), "Msvm_VirtualSystemReferencePointExportJob", "Export Reference Point",
                null, call.owner()).with("VirtualMachineId", new CimValue.StringValue(vmGuid))
                .with("ReferencePointId", new CimValue.StringValue(rpId))
                .with("ExportDirectory", new CimValue.StringValue(dir.toString()))
                .with("ExportedDisks", HyperVObjects.strings(exportedDisks));
        if (base != null) {
            spec = spec.with("BaseReferencePointId", new CimValue.StringValue(HyperVObjects.str(base, "InstanceID")));
        }
        return startExport(spec, rp.path(), new ExportTask(call.ns(), exportRoot, file, items, baseItems, defaultFault,
                Map.of("ExportedConfigFilePath", new CimValue.StringValue(file.toString()))));
    }

    /**
     * Reads an export file written by this server (ConfigFilePath, under the export root) and recreates
     * the reference points of AffectedSystem it describes, with their associations; if they belonged to a
     * collection reference point that no longer exists, the collection and its link to the VM group are
     * recreated too (importing every member VM restores the whole collection). Existing objects are left
     * as they are. RuntimeStateFilePath is not used (exports hold no runtime state); it may be empty.
     */
    private MethodResult importMetadata(Call call) throws Rejected {
        MethodInputs in = call.in();
        CimInstance vm = vm(in, "AffectedSystem", Vendor.INVALID_PARAMETER);
        String vmGuid = HyperVObjects.str(vm, "Name");
        List<CimInstance> objects = exportFile(in.string("ConfigFilePath"));
        List<CimInstance> vmRps = objects.stream().filter(i -> i.className().equals(HyperVObjects.VS_RP)
                && vmGuid.equalsIgnoreCase(HyperVObjects.str(i, "VirtualSystemIdentifier"))).toList();
        if (vmRps.isEmpty()) {
            throw new Rejected(Vendor.INVALID_PARAMETER, "ConfigFilePath " + in.string("ConfigFilePath")
                    + " holds no reference point of virtual machine " + vmGuid);
        }
        List<CimInstance> ordered = restoreOrder(objects, vmRps);
        return startConcreteJob(call, "Import Reference Point metadata", 209, c -> {
            for (CimInstance i : ordered) {
                if (rps.restore(i) && !i.className().equals(HyperVObjects.RP_OF_VS)
                        && !i.className().equals(HyperVObjects.COLLECTED_RPS)
                        && !i.className().equals(HyperVObjects.RP_OF_VS_COLLECTION)) {
                    c.affected(i.path().local(), ReferencePoints.CREATE);
                }
            }
        }, null, null);
    }

    /** The instances of the export file ConfigFilePath names (checked to lie under the export root). */
    private List<CimInstance> exportFile(String config) throws Rejected {
        if (config == null || config.isBlank()) {
            throw new Rejected(Vendor.INVALID_PARAMETER, "ConfigFilePath is required");
        }
        Path file;
        try {
            file = ExportPaths.check(exportRoot, config);
        } catch (ExportPaths.Refused r) {
            throw new Rejected(r.code(), r.getMessage().replace("ExportDirectory", "ConfigFilePath"));
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new Rejected(Vendor.INVALID_PARAMETER, "ConfigFilePath " + config + " is not a readable file");
        }
        try {
            return ExportFileReader.exportedInstances(file);
        } catch (IOException e) {
            throw new Rejected(Vendor.INVALID_PARAMETER, "ConfigFilePath " + config + " cannot be read: " + e.getMessage());
        } catch (ExportFileReader.NotAnExport e) {
            throw new Rejected(Vendor.INVALID_PARAMETER, "ConfigFilePath " + config + " " + e.getMessage());
        }
    }

    /**
     * What to recreate, in an order that lets each association find its ends: the VM's points and their
     * VM links, the collections they belonged to with their group links, then the collection member links.
     */
    private static List<CimInstance> restoreOrder(List<CimInstance> objects, List<CimInstance> vmRps) {
        Set<CimObjectPath> rpPaths = new LinkedHashSet<>();
        List<CimInstance> ordered = new ArrayList<>(vmRps);
        vmRps.forEach(rp -> rpPaths.add(rp.path().local()));
        Set<CimObjectPath> collections = new LinkedHashSet<>();
        for (CimInstance i : objects) {
            if (i.className().equals(HyperVObjects.RP_OF_VS) && refersToAny(i, "Dependent", rpPaths)) {
                ordered.add(i);
            } else if (i.className().equals(HyperVObjects.COLLECTED_RPS) && refersToAny(i, "Member", rpPaths)
                    && i.value("Collection") instanceof CimValue.ReferenceValue r) {
                collections.add(r.path().local());
            }
        }
        for (CimInstance i : objects) {
            if (i.className().equals(HyperVObjects.RP_COLLECTION) && collections.contains(i.path().local())) {
                ordered.add(i);
            }
        }
        for (CimInstance i : objects) {
            if (i.className().equals(HyperVObjects.RP_OF_VS_COLLECTION) && refersToAny(i, "Dependent", collections)) {
                ordered.add(i);
            }
        }
        for (CimInstance i : objects) {
            if (i.className().equals(HyperVObjects.COLLECTED_RPS) && refersToAny(i, "Member", rpPaths)) {
                ordered.add(i);
            }
        }
        return ordered;
    }

    private static boolean refersToAny(CimInstance assoc, String role, Set<CimObjectPath> targets) {
        return assoc.value(role) instanceof CimValue.ReferenceValue r && targets.contains(r.path().local());
    }
}
