package org.cimkit.server.virtualization;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimValue;

/**
 * What an export file holds for one VM reference point, captured when the export method is called
 * (so the file is consistent whatever happens meanwhile): the point, its link to the VM, the VM's
 * settings and the selected disks.
 */
final class ExportContents {
    private ExportContents() {
    }

    /**
     * A reference point, its Msvm_ReferencePointOfVirtualSystem association and {@link #vmSettings}
     * for the disks in {@code disks}; disk IDs exported are added to {@code exportedDisks}.
     */
    static List<CimInstance> referencePoint(HyperVObjects graph, CimInstance rp, Collection<String> disks,
            List<String> exportedDisks) {
        List<CimInstance> out = new ArrayList<>();
        out.add(rp);
        out.addAll(graph.assocs(HyperVObjects.RP_OF_VS, "Dependent", rp.path()));
        out.addAll(vmSettings(graph, HyperVObjects.str(rp, "VirtualSystemIdentifier"), disks, exportedDisks));
        return out;
    }

    /**
     * The VSSD of a VM, its resource settings (every non-disk one, and the disks in {@code disks}) and
     * the Msvm_VirtualSystemSettingDataComponent associations to them.
     */
    private static List<CimInstance> vmSettings(HyperVObjects graph, String vmGuid, Collection<String> disks,
            List<String> exportedDisks) {
        List<CimInstance> out = new ArrayList<>();
        CimInstance vssd = graph.vssd(vmGuid);
        if (vssd == null) {
            return out;
        }
        out.add(vssd);
        List<CimInstance> comps = new ArrayList<>();
        for (CimInstance a : graph.assocs(HyperVObjects.VSSD_COMPONENT, "GroupComponent", vssd.path())) {
            if (!(a.value("PartComponent") instanceof CimValue.ReferenceValue r)) {
                continue;
            }
            CimInstance part = graph.get(r.path());
            if (part == null) {
                continue;
            }
            if (HyperVObjects.isDisk(part)) {
                String id = HyperVObjects.str(part, "InstanceID");
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
}
