package org.cimkit.server.virtualization;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.server.interop.ProfileRegistration;
import org.cimkit.server.jobs.JobClasses;
import org.cimkit.server.jobs.JobClasses.StateChangeCodes;
import org.cimkit.server.jobs.JobRunner;
import org.cimkit.server.providers.NamespaceObjects;
import org.cimkit.server.providers.ProviderModule;
import org.cimkit.server.providers.ProviderRegistrar;
import org.cimkit.server.virtualization.ReturnCodes.Vendor;

/**
 * The Hyper-V emulation as a provider module: in {@code root/virtualization/v2} (when the namespace
 * exists) the reference point and snapshot services, and the jobs they start as Msvm_ConcreteJob and export-job
 * instances with Msvm_AffectedJobElement, Msvm_OwningJobElement and Msvm_Error.
 */
public final class HyperVModule implements ProviderModule {
    public static final CimNamespace NAMESPACE = CimNamespace.of("root/virtualization/v2");

    /**
     * Hyper-V's job classes. Msvm_ConcreteJob's RequestStateChange answers in CIM_ConcreteJob's map; the
     * export jobs' in the vendor map (which has no "timeout not supported" of its own, so they borrow
     * the DMTF one). A failure no task classified is 32768 Failed.
     */
    static final JobClasses JOB_CLASSES;

    static {
        Map<CimName, StateChangeCodes> classes = new LinkedHashMap<>();
        StateChangeCodes vendor = new StateChangeCodes(Vendor.NOT_SUPPORTED, Vendor.INVALID_PARAMETER, Vendor.INVALID_STATE,
                StateChangeCodes.DMTF.timeoutNotSupported());
        classes.put(CimName.of(ReferencePointService.CONCRETE_JOB), StateChangeCodes.DMTF);
        classes.put(CimName.of("Msvm_CollectionReferencePointExportJob"), vendor);
        classes.put(CimName.of("Msvm_VirtualSystemReferencePointExportJob"), vendor);
        JOB_CLASSES = new JobClasses(classes, CimName.of("Msvm_AffectedJobElement"), CimName.of("Msvm_OwningJobElement"),
                CimName.of("Msvm_Error"), Vendor.FAILED);
    }

    /** Msvm_ComputerSystem.Caption of a virtual machine, as Hyper-V sets it (the host's is "Hosting Computer System"). */
    static final String VM_CAPTION = "Virtual Machine";
    /** The autonomous DMTF profile the host implements; Job Control and Virtual System name it as their scope. */
    static final String SYSTEM_VIRTUALIZATION = "System Virtualization";

    private final JobRunner jobs;
    private final Path exportRoot;
    private final FaultInjection defaultFault;
    private final Clock clock;
    /** The namespace's objects once registered (null before, or when the namespace does not exist). */
    private volatile NamespaceObjects objects;

    /**
     * @param exportRoot   the only tree exports may be written to (created if missing)
     * @param defaultFault fault directive for exports whose request carries none, and for every job of the
     *                     snapshot service (null or blank: none)
     */
    public HyperVModule(JobRunner jobs, Path exportRoot, String defaultFault) {
        this(jobs, exportRoot, defaultFault, Clock.systemUTC());
    }

    /** @param clock the server's clock: snapshots' CreationTime and VMs' LastSuccessfulBackupTime read it */
    public HyperVModule(JobRunner jobs, Path exportRoot, String defaultFault, Clock clock) {
        this.jobs = jobs;
        this.exportRoot = exportRoot;
        this.defaultFault = FaultInjection.parse(defaultFault);
        this.clock = clock;
    }

    /**
     * The DMTF profiles the Hyper-V model follows, for the interop namespace to advertise: System
     * Virtualization (DSP1042; central instance the host), Virtual System (DSP1057; the VMs) and Job
     * Control (DSP1103; the jobs), the last two scoped by the first. Read when asked: VMs and jobs come
     * and go.
     */
    public List<ProfileRegistration> profiles() {
        return List.of(new ProfileRegistration(SYSTEM_VIRTUALIZATION, "1.0.0", null, () -> computerSystems(false)),
                new ProfileRegistration("Virtual System", "1.0.0", SYSTEM_VIRTUALIZATION, () -> computerSystems(true)),
                new ProfileRegistration("Job Control", "1.0.0", SYSTEM_VIRTUALIZATION, () -> jobs.jobs(NAMESPACE)));
    }

    /** The VMs (Caption "Virtual Machine"), or the hosts (every other Msvm_ComputerSystem), with their namespace. */
    private Stream<CimObjectPath> computerSystems(boolean vms) {
        NamespaceObjects o = objects;
        if (o == null) {
            return Stream.empty();
        }
        return o.instancesOf(HyperVObjects.COMPUTER_SYSTEM)
                .filter(i -> HyperVObjects.isVm(i) == vms)
                .map(i -> i.path().withNamespace(NAMESPACE));
    }

    @Override
    public void register(ProviderRegistrar registrar) {
        if (!registrar.hasNamespace(NAMESPACE)) {
            return;
        }
        objects = registrar.objects(NAMESPACE);
        jobs.serve(registrar, NAMESPACE, JOB_CLASSES);
        NamespaceObjects objs = registrar.objects(NAMESPACE);
        ReferencePoints rps = new ReferencePoints(objs);
        Snapshots snapshots = new Snapshots(objs, clock);
        BusySystems busy = new BusySystems(jobs);
        SystemExports exports = new SystemExports(objs, snapshots, exportRoot);
        registrar.registerMethods(NAMESPACE, CollectionReferencePointService.CLASS,
                new CollectionReferencePointService(jobs, rps, exportRoot, defaultFault, busy));
        registrar.registerMethods(NAMESPACE, VirtualSystemReferencePointService.CLASS,
                new VirtualSystemReferencePointService(jobs, rps, exportRoot, defaultFault, busy));
        registrar.registerMethods(NAMESPACE, VirtualSystemSnapshotService.CLASS,
                new VirtualSystemSnapshotService(jobs, snapshots, rps, busy, defaultFault));
        registrar.registerMethods(NAMESPACE, VirtualSystemManagementService.CLASS, new VirtualSystemManagementService(
                new SystemDefinitions(objs, snapshots, rps, busy),
                new ExportSystemDefinition(jobs, exports, snapshots, busy, defaultFault)));
        registrar.registerMethods(NAMESPACE, CollectionSnapshotService.CLASS,
                new CollectionSnapshotService(jobs, snapshots, rps, exports, busy, defaultFault));
        registrar.registerMethods(NAMESPACE, HyperVObjects.SASD, new VirtualDisks(objs));
        ExportSettingDataProvider exportSettings = new ExportSettingDataProvider(objs);
        registrar.registerInstances(NAMESPACE, ExportSettingDataProvider.SETTING_DATA, exportSettings);
        registrar.registerInstances(NAMESPACE, ExportSettingDataProvider.ASSOCIATION, exportSettings);
    }
}
