package org.cimkit.server.virtualization;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimMethod;
import org.cimkit.model.CimName;
import org.cimkit.model.CimObject;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimValue;
import org.cimkit.model.message.Declaration;
import org.cimkit.model.xml.CimXmlException;
import org.cimkit.model.xml.CimXmlReader;
import org.cimkit.server.jobs.Job;
import org.cimkit.server.jobs.JobEngine;
import org.cimkit.server.jobs.JobSpec;
import org.cimkit.server.providers.MethodProvider;
import org.cimkit.server.providers.MethodResult;
import org.cimkit.server.providers.ProviderContext;
import org.cimkit.server.providers.ReturnCodes.ReferencePoint;
import org.cimkit.server.providers.ReturnCodes.Vendor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Msvm_VirtualSystemReferencePointService: CreateReferencePoint (DMTF-style return map),
 * DestroyReferencePoint, ExportReferencePoint, RemoveAssociatedData and
 * ImportReferencePointMetadata (0 / 4096 / 32768.. map).
 */
public final class VirtualSystemReferencePointService implements MethodProvider {
    private static final Logger LOG = LoggerFactory.getLogger(VirtualSystemReferencePointService.class);
    static final CimName CLASS = CimName.of("Msvm_VirtualSystemReferencePointService");

    private final JobEngine jobs;
    private final ReferencePoints rps;
    private final Path exportRoot;
    private final FaultInjection defaultFault;
    private final CimXmlReader reader = new CimXmlReader();

    VirtualSystemReferencePointService(JobEngine jobs, ReferencePoints rps, Path exportRoot, FaultInjection defaultFault) {
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
            return switch (method.name().value().toLowerCase(Locale.ROOT)) {
                case "createreferencepoint" -> create(ctx, owner, p);
                case "destroyreferencepoint" -> destroy(ctx, owner, p);
                case "exportreferencepoint" -> export(ctx, owner, p);
                case "removeassociateddata" -> removeData(ctx, owner, p);
                case "importreferencepointmetadata" -> importMetadata(ctx, owner, p);
                default -> throw new CimException(CimStatus.METHOD_NOT_AVAILABLE, "method " + method.name()
                        + " is not available");
            };
        } catch (Params.Bad b) {
            LOG.info("{}.{} refused with {}: {}", CLASS, method.name(), b.code, b.getMessage());
            return MethodResult.of(CimValue.IntegerValue.uint32(b.code));
        }
    }

    /** A VM (not the host: it has a VSSD) named by a REF parameter. */
    private static CimInstance vm(Model m, Params p, String name, long bad) throws Params.Bad {
        CimObjectPath path = p.ref(name);
        CimInstance vm = path == null ? null : m.get(path, Model.COMPUTER_SYSTEM);
        if (vm == null || m.vssd(Model.str(vm, "Name")) == null) {
            throw new Params.Bad(bad, name + " must name an existing virtual machine (Msvm_ComputerSystem)");
        }
        return vm;
    }

    private static CimInstance rp(Model m, Params p, String name) throws Params.Bad {
        CimObjectPath path = p.ref(name);
        CimInstance rp = path == null ? null : m.get(path, Model.VS_RP);
        if (rp == null) {
            throw new Params.Bad(Vendor.INVALID_PARAMETER, name + " must name an existing Msvm_VirtualSystemReferencePoint");
        }
        return rp;
    }

    private MethodResult create(ProviderContext ctx, CimObjectPath owner, Params p) throws Params.Bad {
        Model m = rps.model();
        CimInstance vm = vm(m, p, "AffectedSystem", ReferencePoint.INVALID_PARAMETER);
        CimInstance settings = p.embedded("ReferencePointSettings", Model.VS_RP_SD, ReferencePoint.INVALID_PARAMETER);
        int consistency = settings == null ? 2 : Model.uint(settings, "ConsistencyLevel");
        Integer type = p.uint("ReferencePointType");
        if (type == null) {
            throw new Params.Bad(ReferencePoint.INVALID_PARAMETER, "ReferencePointType is required");
        }
        if (type != 1 && type != 2) {
            throw new Params.Bad(ReferencePoint.INVALID_TYPE,
                    "ReferencePointType must be 1 (Log based) or 2 (RCT based), not " + type);
        }
        String id = ReferencePoints.guid();
        CimObjectPath result = CimObjectPath.forInstance(ctx.namespace(), Model.VS_RP, List.of(
                CimKeyBinding.of("InstanceID", id), CimKeyBinding.of("VirtualSystemIdentifier", Model.str(vm, "Name"))));
        int t = type;
        Job job = jobs.submit(JobSpec.of(ctx.namespace(), "Msvm_ConcreteJob", "Create Reference Point", 201, owner)
                .cancellable(false), c -> rps.createVsReferencePoint(id, vm, t, consistency,
                        Model.str(vm, "ElementName") + " reference point", c));
        return CollectionReferencePointService.started(job, "ResultingReferencePoint", result);
    }

    private MethodResult destroy(ProviderContext ctx, CimObjectPath owner, Params p) throws Params.Bad {
        Model m = rps.model();
        CimInstance rp = rp(m, p, "AffectedReferencePoint");
        if (!m.collectionsOf(rp).isEmpty()) {
            throw new Params.Bad(Vendor.INVALID_STATE, "reference point " + Model.str(rp, "InstanceID")
                    + " belongs to a collection reference point: destroy the collection instead");
        }
        Job job = jobs.submit(JobSpec.of(ctx.namespace(), "Msvm_ConcreteJob", "Delete Reference Point", 202, owner)
                .cancellable(false), c -> {
                    c.affectedOther(rp.path(), "Destroyed");
                    rps.destroyVsReferencePoint(rp);
                });
        return CollectionReferencePointService.started(job, null, null);
    }

    private MethodResult removeData(ProviderContext ctx, CimObjectPath owner, Params p) throws Params.Bad {
        CimInstance rp = rp(rps.model(), p, "AffectedReferencePoint");
        Job job = jobs.submit(JobSpec.of(ctx.namespace(), "Msvm_ConcreteJob", "Remove Associated Data from Reference Point",
                204, owner).cancellable(false), c -> {
                    c.affected(rp.path(), 4);
                    rps.removeAssociatedData(rp);
                });
        return CollectionReferencePointService.started(job, null, null);
    }

    /**
     * The VSSD of a VM, its resource settings (every non-disk one, and the disks in {@code disks}) and the
     * Msvm_VirtualSystemSettingDataComponent associations to them. Disk IDs exported are added to
     * {@code exportedDisks}.
     */
    static List<CimInstance> vmSettings(Model m, String vmGuid, Collection<String> disks, List<String> exportedDisks) {
        List<CimInstance> out = new ArrayList<>();
        CimInstance vssd = m.vssd(vmGuid);
        if (vssd == null) {
            return out;
        }
        out.add(vssd);
        List<CimInstance> comps = new ArrayList<>();
        for (CimInstance a : m.assocs(Model.VSSD_COMPONENT, "GroupComponent", vssd.path())) {
            if (!(a.value("PartComponent") instanceof CimValue.ReferenceValue r)) {
                continue;
            }
            CimInstance part = m.store().getInstance(r.path().local());
            if (part == null) {
                continue;
            }
            if (Model.isDisk(part)) {
                String id = Model.str(part, "InstanceID");
                if (disks.stream().noneMatch(d -> d.equalsIgnoreCase(id))) {
                    continue;
                }
                exportedDisks.add(id);
            }
            out.add(part);
            comps.add(a);
        }
        out.addAll(comps);
        return out;
    }

    private MethodResult export(ProviderContext ctx, CimObjectPath owner, Params p) throws Params.Bad {
        Model m = rps.model();
        CimInstance rp = rp(m, p, "ReferencePoint");
        String vmGuid = Model.str(rp, "VirtualSystemIdentifier");
        CimInstance settings = p.embedded("ExportSettingData", Model.VS_EXPORT_SD, Vendor.INVALID_PARAMETER);
        CimInstance base = null;
        String baseText = Model.str(settings, "BaseReferencePoint");
        if (baseText != null && !baseText.isBlank()) {
            try {
                CimObjectPath bp = CimObjectPath.parse(baseText.contains(Model.VS_RP.value())
                        ? baseText.substring(baseText.indexOf(Model.VS_RP.value())) : baseText);
                base = m.get(bp, Model.VS_RP);
            } catch (IllegalArgumentException e) {
                base = null;
            }
            if (base == null || !vmGuid.equalsIgnoreCase(Model.str(base, "VirtualSystemIdentifier"))
                    || Model.str(base, "InstanceID").equalsIgnoreCase(Model.str(rp, "InstanceID"))) {
                throw new Params.Bad(Vendor.INVALID_PARAMETER,
                        "BaseReferencePoint must name another reference point of the same virtual machine");
            }
        }
        List<String> known = Model.strs(rp, "VirtualDiskIdentifiers");
        List<String> wanted = Model.strs(settings, "DisksToExport");
        for (String d : wanted) {
            if (known.stream().noneMatch(k -> k.equalsIgnoreCase(d))) {
                throw new Params.Bad(Vendor.INVALID_PARAMETER,
                        "disk " + d + " is not a disk of reference point " + Model.str(rp, "InstanceID"));
            }
        }
        Set<String> disks = new LinkedHashSet<>(wanted.isEmpty() ? known : wanted);
        Path dir;
        try {
            dir = ExportPaths.prepare(exportRoot, p.string("ExportDirectory"));
        } catch (ExportPaths.Refused r) {
            throw new Params.Bad(r.code(), r.getMessage());
        }
        List<CimInstance> items = new ArrayList<>();
        items.add(rp);
        items.addAll(m.assocs(Model.RP_OF_VS, "Dependent", rp.path()));
        List<String> exportedDisks = new ArrayList<>();
        items.addAll(vmSettings(m, vmGuid, disks, exportedDisks));
        List<CimInstance> baseItems = base == null ? List.of() : List.of(base);
        String rpId = Model.str(rp, "InstanceID");
        Path file = dir.resolve("VirtualSystemReferencePoint_" + rpId
                + (base == null ? "" : "_base_" + Model.str(base, "InstanceID")) + ".cimxml");
        JobSpec spec = JobSpec.of(ctx.namespace(), "Msvm_VirtualSystemReferencePointExportJob", "Export Reference Point",
                null, owner).with("VirtualMachineId", new CimValue.StringValue(vmGuid))
                .with("ReferencePointId", new CimValue.StringValue(rpId))
                .with("ExportDirectory", new CimValue.StringValue(dir.toString()))
                .with("ExportedDisks", Model.strings(exportedDisks));
        if (base != null) {
            spec = spec.with("BaseReferencePointId", new CimValue.StringValue(Model.str(base, "InstanceID")));
        }
        ExportTask task = new ExportTask(ctx.namespace(), exportRoot, file, items, baseItems, defaultFault,
                Map.of("ExportedConfigFilePath", new CimValue.StringValue(file.toString())));
        CimObjectPath rpPath = rp.path();
        Job job = jobs.submit(spec, c -> {
            c.affectedOther(rpPath, "Exported");
            task.run(c);
        });
        return CollectionReferencePointService.started(job, null, null);
    }

    /**
     * Reads an export file written by this server (ConfigFilePath, under the export root) and recreates
     * the reference points of AffectedSystem it describes, with their associations; if they belonged to a
     * collection reference point that no longer exists, the collection and its link to the VM group are
     * recreated too (importing every member VM restores the whole collection). Existing objects are left
     * as they are. RuntimeStateFilePath is not used (exports hold no runtime state); it may be empty.
     */
    private MethodResult importMetadata(ProviderContext ctx, CimObjectPath owner, Params p) throws Params.Bad {
        Model m = rps.model();
        CimInstance vm = vm(m, p, "AffectedSystem", Vendor.INVALID_PARAMETER);
        String vmGuid = Model.str(vm, "Name");
        String config = p.string("ConfigFilePath");
        if (config == null || config.isBlank()) {
            throw new Params.Bad(Vendor.INVALID_PARAMETER, "ConfigFilePath is required");
        }
        Path file;
        try {
            file = ExportPaths.check(exportRoot, config);
        } catch (ExportPaths.Refused r) {
            throw new Params.Bad(r.code(), r.getMessage().replace("ExportDirectory", "ConfigFilePath"));
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new Params.Bad(Vendor.INVALID_PARAMETER, "ConfigFilePath " + config + " is not a readable file");
        }
        Declaration d;
        try (InputStream in = Files.newInputStream(file)) {
            d = reader.readDeclaration(in);
        } catch (IOException | CimXmlException e) {
            throw new Params.Bad(Vendor.INVALID_PARAMETER,
                    "ConfigFilePath " + config + " is not a Cimkit export file: " + e.getMessage());
        }
        if (d.groups().isEmpty()) {
            throw new Params.Bad(Vendor.INVALID_PARAMETER, "ConfigFilePath " + config + " holds no declaration group");
        }
        List<CimInstance> objects = new ArrayList<>();
        for (CimObject o : d.groups().get(0).objects()) {
            if (o instanceof CimInstance i) {
                objects.add(i);
            }
        }
        List<CimInstance> vmRps = objects.stream().filter(i -> i.className().equals(Model.VS_RP)
                && vmGuid.equalsIgnoreCase(Model.str(i, "VirtualSystemIdentifier"))).toList();
        if (vmRps.isEmpty()) {
            throw new Params.Bad(Vendor.INVALID_PARAMETER,
                    "ConfigFilePath " + config + " holds no reference point of virtual machine " + vmGuid);
        }
        List<CimInstance> restore = new ArrayList<>();
        Set<CimObjectPath> rpPaths = new LinkedHashSet<>();
        for (CimInstance rp : vmRps) {
            restore.add(rp);
            rpPaths.add(rp.path().local());
        }
        Set<CimObjectPath> collections = new LinkedHashSet<>();
        for (CimInstance i : objects) {
            if (i.className().equals(Model.RP_OF_VS) && refersToAny(i, "Dependent", rpPaths)) {
                restore.add(i);
            } else if (i.className().equals(Model.COLLECTED_RPS) && refersToAny(i, "Member", rpPaths)
                    && i.value("Collection") instanceof CimValue.ReferenceValue r) {
                collections.add(r.path().local());
            }
        }
        List<CimInstance> ordered = new ArrayList<>();
        for (CimInstance i : objects) { // collections first, then the member links
            if (i.className().equals(Model.RP_COLLECTION) && collections.contains(i.path().local())) {
                ordered.add(i);
            }
        }
        for (CimInstance i : objects) {
            if (i.className().equals(Model.RP_OF_VS_COLLECTION) && refersToAny(i, "Dependent", collections)) {
                ordered.add(i);
            }
        }
        ordered.addAll(0, restore);
        for (CimInstance i : objects) {
            if (i.className().equals(Model.COLLECTED_RPS) && refersToAny(i, "Member", rpPaths)) {
                ordered.add(i);
            }
        }
        Job job = jobs.submit(JobSpec.of(ctx.namespace(), "Msvm_ConcreteJob", "Import Reference Point metadata", 209, owner)
                .cancellable(false), c -> {
                    for (CimInstance i : ordered) {
                        if (rps.restore(i) && !i.className().equals(Model.RP_OF_VS)
                                && !i.className().equals(Model.COLLECTED_RPS)
                                && !i.className().equals(Model.RP_OF_VS_COLLECTION)) {
                            c.affected(i.path().local(), ReferencePoints.CREATE);
                        }
                    }
                });
        return CollectionReferencePointService.started(job, null, null);
    }

    private static boolean refersToAny(CimInstance assoc, String role, Set<CimObjectPath> targets) {
        return assoc.value(role) instanceof CimValue.ReferenceValue r && targets.contains(r.path().local());
    }
}
