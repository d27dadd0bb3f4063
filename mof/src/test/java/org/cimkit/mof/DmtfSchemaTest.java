package org.cimkit.mof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimMethod;
import org.cimkit.model.CimName;
import org.cimkit.model.CimParameter;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.testsupport.SharedMaterial;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real-world proof: the whole DMTF CIM 2.41 schema compiles, and a sample is checked in depth. */
class DmtfSchemaTest {
    private static NamespaceModel schema;

    /** The DMTF schema file, or the current test is skipped (counted) naming the missing file. */
    static Path schemaFile() {
        return SharedMaterial.require(SharedMaterial.DMTF_SCHEMA);
    }

    /**
     * Compiles the schema when ../shared holds it. Where it does not, each test is reported as
     * skipped (an assumption in @BeforeAll would hide them from the counts altogether).
     */
    @BeforeAll
    static void compileSchema() throws Exception {
        Optional<Path> found = SharedMaterial.find(SharedMaterial.DMTF_SCHEMA);
        if (found.isEmpty()) {
            return;
        }
        Path file = found.get();
        long t0 = System.nanoTime();
        new MofCompiler().compileFile(file); // first (cold JIT) run
        long cold = System.nanoTime() - t0;

        Runtime rt = Runtime.getRuntime();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        long t1 = System.nanoTime();
        CompiledModel model = new MofCompiler().compileFile(file).result();
        long warm = System.nanoTime() - t1;
        long peak = heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.gc();
        long retained = rt.totalMemory() - rt.freeMemory() - before;
        schema = model.namespace(MofCompiler.DEFAULT_NAMESPACE);
        System.out.printf("DMTF CIM 2.41: %d classes, %d qualifier types; first compile %d ms, warm compile %d ms;"
                        + " heap pools peak during warm compile %d MB (sum of per-pool peaks), model retained ~%d MB%n",
                schema.classes().size(), schema.qualifierTypes().size(), cold / 1_000_000, warm / 1_000_000,
                peak >> 20, retained >> 20);
    }

    @BeforeEach
    void needsTheSchema() {
        schemaFile();
    }

    @Test
    void wholeSchemaCompiles() {
        assertEquals(1438, schema.classes().size());
        assertEquals(70, schema.qualifierTypes().size());
        assertTrue(schema.instances().isEmpty());
        // superclasses come before their subclasses
        java.util.Set<CimName> seen = new java.util.HashSet<>();
        for (CimClass c : schema.classes().values()) {
            assertTrue(c.superclass() == null || seen.contains(c.superclass()), c.name().value());
            seen.add(c.name());
        }
    }

    @Test
    void managedElement() {
        CimClass me = schema.cimClass("CIM_ManagedElement");
        assertTrue(me.isAbstract());
        assertEquals(null, me.superclass());
        assertEquals(List.of("InstanceID", "Caption", "Description", "ElementName"),
                me.properties().stream().map(p -> p.name().value()).toList());
        assertEquals(new CimValue.IntegerValue(CimType.UINT32, 64), me.property("Caption").qualifier("MaxLen").value());
        assertTrue(me.properties().stream().allMatch(p -> p.classOrigin().is("CIM_ManagedElement") && !p.propagated()));
    }

    @Test
    void computerSystem() {
        CimClass cs = schema.cimClass("CIM_ComputerSystem");
        assertEquals(CimName.of("CIM_System"), cs.superclass());
        assertFalse(cs.isAbstract());
        CimProperty instanceId = cs.property("InstanceID");
        assertEquals(CimName.of("CIM_ManagedElement"), instanceId.classOrigin());
        assertTrue(instanceId.propagated());
        CimProperty ccn = cs.property("CreationClassName");
        assertTrue(ccn.isKey());
        assertEquals(CimName.of("CIM_System"), ccn.classOrigin());
        assertTrue(ccn.propagated());
        assertTrue(ccn.qualifier("Key").propagated());
        CimProperty name = cs.property("Name");
        assertTrue(name.isKey());
        assertEquals(CimName.of("CIM_ManagedSystemElement"), name.classOrigin());
        CimProperty nameFormat = cs.property("NameFormat");
        assertEquals(CimName.of("CIM_System"), nameFormat.classOrigin());
        assertFalse(nameFormat.propagated(), "overridden in CIM_ComputerSystem");
        CimValue.ArrayValue vm = (CimValue.ArrayValue) nameFormat.qualifier("ValueMap").value();
        assertEquals(new CimValue.StringValue("Other"), vm.elements().get(0));
        CimProperty dedicated = cs.property("Dedicated");
        assertEquals(CimName.of("CIM_ComputerSystem"), dedicated.classOrigin());
        assertTrue(dedicated.array());
        assertEquals(CimType.UINT16, dedicated.type());
        assertEquals(List.of("Name", "CreationClassName"), // inherited positions are kept
                cs.keyProperties().stream().map(p -> p.name().value()).toList());
        CimMethod rsc = cs.method("RequestStateChange");
        assertEquals(CimName.of("CIM_EnabledLogicalElement"), rsc.classOrigin());
        assertTrue(rsc.propagated());
        assertNotNull(cs.method("SetPowerState"));
    }

    @Test
    void concreteJob() {
        CimClass job = schema.cimClass("CIM_ConcreteJob");
        CimProperty id = job.property("InstanceID");
        assertTrue(id.isKey());
        assertFalse(id.propagated());
        assertEquals(CimName.of("CIM_ManagedElement"), id.classOrigin());
        CimValue.DateTimeValue removal = (CimValue.DateTimeValue) job.property("TimeBeforeRemoval").value();
        assertTrue(removal.value().isInterval());
        assertEquals(new CimValue.IntegerValue(CimType.UINT32, 1), job.property("JobRunTimes").value());

        CimMethod rsc = job.method("RequestStateChange");
        assertEquals(CimType.UINT32, rsc.returnType());
        assertEquals(CimName.of("CIM_ConcreteJob"), rsc.classOrigin());
        assertEquals(List.of("RequestedState", "TimeoutPeriod"),
                rsc.parameters().stream().map(p -> p.name().value()).toList());
        CimParameter requested = rsc.parameter("RequestedState");
        assertEquals(CimType.UINT16, requested.type());
        assertTrue(requested.isIn());
        CimValue.ArrayValue states = (CimValue.ArrayValue) requested.qualifier("ValueMap").value();
        assertEquals(new CimValue.StringValue("2"), states.elements().get(0));
        assertEquals(CimType.DATETIME, rsc.parameter("TimeoutPeriod").type());

        CimParameter error = job.method("GetError").parameter("Error");
        assertEquals(CimType.INSTANCE, error.type());
        assertTrue(error.isOut());
        CimParameter errors = job.method("GetErrors").parameter("Errors");
        assertEquals(CimType.INSTANCE, errors.type());
        assertTrue(errors.array());

        CimMethod kill = job.method("KillJob");
        assertTrue(kill.propagated());
        assertEquals(CimName.of("CIM_Job"), kill.classOrigin());
        assertEquals(CimType.BOOLEAN, kill.parameter("DeleteOnKill").type());
    }

    @Test
    void associationReferences() {
        CimClass sc = schema.cimClass("CIM_SystemComponent");
        assertTrue(sc.isAssociation());
        assertTrue(sc.hasFlag("Aggregation"));
        CimProperty group = sc.property("GroupComponent");
        assertEquals(CimType.REFERENCE, group.type());
        assertEquals(CimName.of("CIM_System"), group.referenceClass());
        assertEquals(CimName.of("CIM_Component"), group.classOrigin());
        assertFalse(group.propagated());
        assertTrue(group.isKey(), "Key propagates from CIM_Component");
        assertTrue(group.qualifier("Key").propagated());
        assertTrue(group.hasFlag("Aggregate"));
        CimProperty part = sc.property("PartComponent");
        assertEquals(CimName.of("CIM_ManagedSystemElement"), part.referenceClass());
        assertEquals(2, sc.keyProperties().size());
    }
}
