package org.cimkit.server.query;

import static org.cimkit.server.query.QueryEvaluationTest.job;
import static org.cimkit.server.query.QueryEvaluationTest.modification;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimQualifier;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.junit.jupiter.api.Test;

/** {@link CompiledQuery#check} against a schema and {@link CompiledQuery#project} of indication instances. */
class QueryCheckAndProjectionTest {
    private static final Map<String, CimClass> SCHEMA = Map.of(
            "cim_instmodification", CimClass.builder("CIM_InstModification")
                    .property(prop("SourceInstance", CimType.STRING)).property(prop("PreviousInstance", CimType.STRING))
                    .property(prop("IndicationIdentifier", CimType.STRING)).build(),
            "cim_concretejob", CimClass.builder("CIM_ConcreteJob").property(key("InstanceID"))
                    .property(prop("JobState", CimType.UINT16)).property(prop("Name", CimType.STRING)).build());
    private static final Function<CimName, CimClass> CLASSES = n -> SCHEMA.get(n.key());

    private static CimProperty prop(String name, CimType type) {
        return new CimProperty(CimName.of(name), type, false, null, null, null, List.of(), null, false);
    }

    private static CimProperty key(String name) {
        return new CimProperty(CimName.of(name), CimType.STRING, false, null, null, null,
                List.of(CimQualifier.of("Key", CimValue.BooleanValue.TRUE)), null, false);
    }

    private static void refused(String language, String query, String named) {
        CompiledQuery q = CompiledQuery.compile(language, query);
        CimException e = assertThrows(CimException.class, () -> q.check(CLASSES), query);
        assertEquals(CimStatus.INVALID_QUERY, e.status());
        assertTrue(e.getMessage().contains(named), e.getMessage());
    }

    @Test
    void checkNamesWhatTheSchemaLacks() {
        CompiledQuery.compile("DMTF:CQL", "SELECT SourceInstance.CIM_ConcreteJob::JobState FROM CIM_InstModification m"
                + " WHERE m.SourceInstance ISA CIM_ConcreteJob AND PreviousInstance.CIM_ConcreteJob::JobState <> 7"
                + " AND SourceInstance.Anything = 1 AND ANY x IN SourceInstance.Tags[*] SATISFIES (x.CIM_ConcreteJob::Name = 'a')")
                .check(CLASSES);
        CompiledQuery.compile("WQL", "SELECT * FROM cim_instmodification WHERE SourceInstance ISA \"CIM_ConcreteJob\"").check(CLASSES);
        refused("DMTF:CQL", "SELECT * FROM CIM_Nothing", "CIM_Nothing");
        refused("WQL", "SELECT Weight FROM CIM_InstModification", "Weight");
        refused("DMTF:CQL", "SELECT * FROM CIM_InstModification WHERE Weight = 1", "Weight");
        refused("DMTF:CQL", "SELECT * FROM CIM_InstModification WHERE UPPERCASE(Weight) = 'A'", "Weight");
        refused("DMTF:CQL", "SELECT * FROM CIM_InstModification WHERE SourceInstance ISA CIM_Job", "CIM_Job");
        refused("DMTF:CQL", "SELECT * FROM CIM_InstModification WHERE SourceInstance.CIM_Job::JobState = 7", "CIM_Job");
        refused("DMTF:CQL", "SELECT * FROM CIM_InstModification WHERE SourceInstance.CIM_ConcreteJob::Weight = 7", "Weight");
        refused("DMTF:CQL", "SELECT SourceInstance.CIM_Job::JobState FROM CIM_InstModification", "CIM_Job");
    }

    @Test
    void selectStarKeepsTheInstanceAsItIs() {
        CimInstance m = modification(job("Cimkit_Job", 7), job("Cimkit_Job", 4));
        for (String q : new String[] {"SELECT * FROM CIM_InstModification", "SELECT m.* FROM CIM_InstModification AS m"}) {
            CompiledQuery c = CompiledQuery.compile("DMTF:CQL", q);
            assertTrue(c.selectsAll());
            assertSame(m, c.project(m));
        }
    }

    @Test
    void chainsIntoEmbeddedInstancesKeepTheChosenPropertiesAndTheKeys() {
        CimObjectPath path = CimObjectPath.forInstance(CimNamespace.of("root/cimv2"), CimName.of("Cimkit_Job"),
                List.of(new CimKeyBinding(CimName.of("InstanceID"), new CimValue.StringValue("job-1"))));
        CimInstance m = modification(job("Cimkit_Job", 7).withPath(path), job("Cimkit_Job", 4));
        CompiledQuery q = CompiledQuery.compile("DMTF:CQL",
                "SELECT SourceInstance.CIM_ConcreteJob::JobState, PreviousInstance.* FROM CIM_InstModification");
        CimInstance p = q.project(m);
        assertEquals(List.of("SourceInstance", "PreviousInstance"), names(p));
        CimInstance source = embedded(p, "SourceInstance");
        assertEquals(List.of("InstanceID", "JobState"), names(source), "the key (from the path) and the chosen property");
        assertEquals(path, source.path());
        assertEquals(m.value("PreviousInstance"), p.value("PreviousInstance"), "PreviousInstance.* keeps it whole");

        CimInstance pathless = modification(job("CIM_ConcreteJob", 7), null);
        CimInstance wql = CompiledQuery.compile("WQL", "SELECT SourceInstance.Name, PreviousInstance FROM CIM_InstModification")
                .project(pathless, CLASSES);
        assertEquals(List.of("InstanceID", "Name"), names(embedded(wql, "SourceInstance")), "the key from the class");
        assertTrue(wql.value("PreviousInstance").isNull());
        CimInstance noClass = CompiledQuery.compile("WQL", "SELECT SourceInstance.Name FROM CIM_InstModification").project(pathless);
        assertEquals(List.of("Name"), names(embedded(noClass, "SourceInstance")), "no class, no path: no key to tell");

        CimInstance both = CompiledQuery.compile("DMTF:CQL",
                "SELECT SourceInstance.JobState, SourceInstance, IndicationIdentifier FROM CIM_InstModification").project(m);
        assertEquals(m.value("SourceInstance"), both.value("SourceInstance"), "a whole selection wins over a partial one");
        assertEquals(List.of("IndicationIdentifier", "SourceInstance"), names(both));
    }

    private static List<String> names(CimInstance i) {
        return i.properties().stream().map(p -> p.name().value()).toList();
    }

    private static CimInstance embedded(CimInstance i, String property) {
        return (CimInstance) ((CimValue.EmbeddedValue) i.value(property)).object();
    }
}
