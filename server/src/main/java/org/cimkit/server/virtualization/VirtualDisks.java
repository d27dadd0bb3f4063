package org.cimkit.server.virtualization;

import java.util.List;
import java.util.Map;

import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimMethod;
import org.cimkit.model.CimName;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimValue;
import org.cimkit.server.providers.MethodProvider;
import org.cimkit.server.providers.MethodResult;
import org.cimkit.server.providers.NamespaceObjects;
import org.cimkit.server.providers.ProviderContext;
import org.cimkit.server.virtualization.MethodInputs.Rejected;
import org.cimkit.server.virtualization.ReturnCodes.Vendor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the emulated virtual disks hold instead of contents: the writes a test records with the vendor
 * method Msvm_StorageAllocationSettingData.CimkitWrite (CimkitChangeSequence, CimkitChangeLog), from
 * which a differential export lists the writes made since its base. A write is a journaled change of
 * the disk's setting (so it survives restarts and indications see it); see {@link DiskChanges}.
 */
final class VirtualDisks implements MethodProvider {
    private static final Logger LOG = LoggerFactory.getLogger(VirtualDisks.class);

    private final NamespaceObjects objects;
    private final HyperVObjects graph;

    VirtualDisks(NamespaceObjects objects) {
        this.objects = objects;
        this.graph = new HyperVObjects(objects);
    }

    @Override
    public MethodResult invoke(ProviderContext ctx, CimObjectPath target, CimMethod method, Map<CimName, CimValue> in) {
        if (!method.name().value().equalsIgnoreCase("CimkitWrite")) {
            throw new CimException(CimStatus.METHOD_NOT_AVAILABLE, "method " + method.name() + " is not available");
        }
        try {
            MethodInputs inputs = new MethodInputs(in, objects);
            long offset = unsigned(inputs, "Offset", false);
            long length = unsigned(inputs, "Length", true);
            CimInstance disk = disk(target);
            objects.update(disk.path(), current -> DiskChanges.recordWrite(current, offset, length));
            return MethodResult.of(CimValue.IntegerValue.uint32(ReturnCodes.COMPLETED));
        } catch (Rejected r) {
            LOG.info("{}.{} refused with {}: {}", target.className(), method.name(), r.code, r.getMessage());
            return MethodResult.of(CimValue.IntegerValue.uint32(r.code));
        }
    }

    /** A uint64 input: required; negative (above 2^63 - 1 as sent) refused; {@code positive}: 0 refused too. */
    private static long unsigned(MethodInputs in, String name, boolean positive) throws Rejected {
        if (!(in.get(name) instanceof CimValue.IntegerValue v)) {
            throw new Rejected(Vendor.INVALID_PARAMETER, name + " is required");
        }
        long n = v.longValue();
        if (n < 0 || positive && n == 0) {
            throw new Rejected(Vendor.INVALID_PARAMETER, name + " must be " + (positive ? "at least 1" : "at least 0")
                    + " and below 2^63, not " + v.bigValue());
        }
        return n;
    }

    /**
     * The disk the method was called on: a virtual hard disk (ResourceType 31) that is a resource setting
     * of a virtual machine. A snapshot's copy of a disk is a record of the past: 32775.
     */
    private CimInstance disk(CimObjectPath target) throws Rejected {
        CimInstance disk = graph.get(target, HyperVObjects.SASD);
        if (disk == null || HyperVObjects.uint(disk, "ResourceType") != 31) {
            throw new Rejected(Vendor.INVALID_PARAMETER, "the target " + target.local() + " is not an existing virtual hard disk");
        }
        List<CimInstance> owners = graph.associated(HyperVObjects.VSSD_COMPONENT, "PartComponent", disk.path(), "GroupComponent");
        if (owners.stream().anyMatch(Snapshots::isSnapshot)) {
            throw new Rejected(Vendor.INVALID_STATE, "disk " + HyperVObjects.str(disk, "InstanceID")
                    + " is a snapshot's copy; write to the virtual machine's disk instead");
        }
        boolean ofVm = owners.stream().anyMatch(v -> {
            String vm = HyperVObjects.str(v, "VirtualSystemIdentifier");
            CimInstance active = vm == null ? null : graph.vssd(vm);
            return active != null && active.path().local().equals(v.path().local());
        });
        if (!ofVm) {
            throw new Rejected(Vendor.INVALID_PARAMETER, "disk " + HyperVObjects.str(disk, "InstanceID")
                    + " belongs to no virtual machine");
        }
        return disk;
    }
}
