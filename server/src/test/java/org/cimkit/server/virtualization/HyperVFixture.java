package org.cimkit.server.virtualization;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimValue;
import org.cimkit.model.xml.CimXmlException;
import org.cimkit.model.xml.CimXmlReader;
import org.cimkit.mof.ShippedSchema;
import org.cimkit.server.dispatch.DispatchFixture;
import org.cimkit.server.dispatch.RepositoryObjects;
import org.cimkit.server.jobs.JobClasses;
import org.cimkit.server.jobs.JobRunner;
import org.cimkit.server.jobs.JobSpec;
import org.cimkit.server.jobs.JobTask;
import org.cimkit.server.providers.MethodResult;
import org.cimkit.server.providers.ProviderRegistrar;
import org.cimkit.server.repository.InstanceShaper;
import org.cimkit.server.repository.Repository;
import org.cimkit.server.repository.ValueConverter;

/**
 * The shipped Hyper-V namespace (demo host included) in an in-memory repository, with the
 * management service's definitions over it and a job runner whose jobs run while a test says so.
 */
final class HyperVFixture {
    static final CimNamespace V2 = HyperVModule.NAMESPACE;
    static final CimObjectPath SERVICE = HyperVObjects.path(VirtualSystemManagementService.CLASS, "CreationClassName",
            "Msvm_VirtualSystemManagementService", "Name", "vmms", "SystemCreationClassName", "Msvm_ComputerSystem",
            "SystemName", "CIMKIT-DEMO-HOST").withNamespace(V2);

    final Repository repository;
    final RepositoryObjects objects;
    final HeldJobs jobs = new HeldJobs();
    final Snapshots snapshots;
    final ReferencePoints rps;
    final BusySystems busy;
    final SystemDefinitions definitions;

    HyperVFixture() throws Exception {
        CimXmlReader reader = new CimXmlReader();
        repository = new Repository(new InstanceShaper(new ValueConverter(text -> {
            try {
                return reader.readEmbeddedObject(text);
            } catch (CimXmlException e) {
                throw new CimException(CimStatus.INVALID_PARAMETER, e.getMessage());
            }
        })));
        DispatchFixture.load(repository, ShippedSchema.compile());
        objects = new RepositoryObjects(repository, V2);
        snapshots = new Snapshots(objects, Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));
        rps = new ReferencePoints(objects);
        busy = new BusySystems(jobs);
        definitions = new SystemDefinitions(objects, snapshots, rps, busy);
    }

    /** Jobs that never run their task and count as running until released. */
    static final class HeldJobs implements JobRunner {
        private final Set<CimObjectPath> running = new HashSet<>();
        private int next;

        @Override
        public synchronized CimObjectPath start(JobSpec spec, JobTask task) {
            CimObjectPath p = HyperVObjects.path(CimName.of("Msvm_ConcreteJob"), "InstanceID", "job-" + next++).withNamespace(V2);
            running.add(p);
            return p;
        }

        private Runnable finishing;

        synchronized void finishAll() {
            running.clear();
        }

        /**
         * The running jobs finish the next time someone asks whether one runs, after {@code lastSteps}
         * (what they do last) has run: a job ending while a synchronous method is under way.
         */
        synchronized void finishWhenAsked(Runnable lastSteps) {
            finishing = lastSteps;
        }

        @Override
        public void serve(ProviderRegistrar registrar, CimNamespace ns, JobClasses classes) {
        }

        @Override
        public synchronized boolean running(CimObjectPath job) {
            if (finishing != null) {
                Runnable last = finishing;
                finishing = null;
                last.run();
                running.clear();
            }
            return running.contains(job);
        }

        @Override
        public Stream<CimObjectPath> jobs(CimNamespace ns) {
            return Stream.empty();
        }
    }

    /** A method's outcome: return code and out parameters, or the refusal's code. */
    record Outcome(long code, Map<String, CimValue> out) {
        CimObjectPath ref(String name) {
            return out.get(name) instanceof CimValue.ReferenceValue r ? r.path() : null;
        }

        List<CimObjectPath> refs(String name) {
            return out.get(name) instanceof CimValue.ArrayValue a
                    ? a.elements().stream().map(v -> ((CimValue.ReferenceValue) v).path()).toList()
                    : List.of();
        }
    }

    interface Method {
        MethodResult call(ReferencePointService.Call call) throws MethodInputs.Rejected;
    }

    Outcome call(Method m, Object... kv) {
        Map<CimName, CimValue> in = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            in.put(CimName.of((String) kv[i]), (CimValue) kv[i + 1]);
        }
        try {
            MethodResult r = m.call(new ReferencePointService.Call(V2, SERVICE, new MethodInputs(in, objects)));
            return new Outcome(((CimValue.IntegerValue) r.returnValue()).longValue(), r.outParameters());
        } catch (MethodInputs.Rejected e) {
            return new Outcome(e.code, Map.of("message", new CimValue.StringValue(e.getMessage())));
        }
    }

    CimInstance get(CimObjectPath p) {
        return objects.getInstance(p.local());
    }

    static CimValue embedded(CimInstance i) {
        return CimValue.EmbeddedValue.instance(i);
    }

    static CimValue array(CimInstance... is) {
        return new CimValue.ArrayValue(org.cimkit.model.CimType.INSTANCE, Stream.of(is).map(HyperVFixture::embedded).toList());
    }

    static CimValue refs(CimObjectPath... ps) {
        return new CimValue.ArrayValue(org.cimkit.model.CimType.REFERENCE,
                Stream.of(ps).map(p -> (CimValue) new CimValue.ReferenceValue(p)).toList());
    }

    static CimInstance vssd(String name) {
        return CimInstance.builder(HyperVObjects.VSSD).property("ElementName", name).build();
    }

    static CimInstance disk(String file) {
        return CimInstance.builder(HyperVObjects.SASD).property("ResourceType", CimValue.IntegerValue.uint16(31))
                .property("HostResource", HyperVObjects.strings(List.of(file))).build();
    }
}
