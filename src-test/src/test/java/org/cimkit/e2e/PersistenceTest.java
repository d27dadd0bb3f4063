package org.cimkit.e2e;

import static org.cimkit.e2e.E2e.VIRT;
import static org.cimkit.e2e.E2e.error;
import static org.cimkit.e2e.E2e.ok;
import static org.cimkit.e2e.E2e.okVoid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

import org.cimkit.e2e.CimClient.P;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimQualifierType;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.model.QualifierFlavors;
import org.cimkit.model.Scope;
import org.cimkit.model.message.Argument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What clients write over HTTP survives a restart of a server with a data directory. */
class PersistenceTest {
    @TempDir
    Path data;

    @Test
    void writesSurviveARestart() throws Exception {
        CimObjectPath kept;
        CimObjectPath changed;
        try (RunningServer s = RunningServer.startPersistent(data)) {
            CimClient c = s.client();
            E2e.createClass(c, E2e.widgetClass("E2E_PsWidget", "CIM_ManagedElement"));
            kept = E2e.createInstance(c, E2e.widget("E2E_PsWidget", "kept", 1));
            changed = E2e.createInstance(c, E2e.widget("E2E_PsWidget", "changed", 2));
            CimObjectPath gone = E2e.createInstance(c, E2e.widget("E2E_PsWidget", "gone", 3));
            okVoid(c.call(VIRT, "SetProperty", P.path("InstanceName", changed), P.value("PropertyName", "Label"),
                    P.value("NewValue", "after")));
            okVoid(c.call(VIRT, "DeleteInstance", P.path("InstanceName", gone)));
            okVoid(c.call(VIRT, "SetQualifier", P.of("QualifierDeclaration", new Argument.QualifierDecl(new CimQualifierType(
                    CimName.of("E2E_PsQ"), CimType.STRING, false, null, new CimValue.StringValue("d"), EnumSet.of(Scope.CLASS),
                    QualifierFlavors.DEFAULT)))));
            ok(c.call(E2e.INTEROP, "CreateInstance", P.of("NewInstance", new Argument.InstanceArg(
                    CimInstance.builder("CIM_Namespace").property("Name", "root/e2e-persisted").build()))));
            E2e.createClass(c, E2e.widgetClass("E2E_PsDropped", null));
            okVoid(c.call(VIRT, "DeleteClass", P.className("ClassName", "E2E_PsDropped")));
        }
        try (RunningServer s = RunningServer.startPersistent(data)) {
            CimClient c = s.client();
            List<CimObjectPath> names = E2e.paths(ok(c.call(VIRT, "EnumerateInstanceNames", P.className("ClassName", "E2E_PsWidget"))));
            assertEquals(List.of("changed", "kept"), names.stream().map(p -> E2e.keyText(p, "Id")).sorted().toList());
            CimInstance ch = E2e.inst(ok(c.call(VIRT, "GetInstance", P.path("InstanceName", changed))).get(0));
            assertEquals(new CimValue.StringValue("after"), ch.value("Label"));
            assertTrue(ok(c.call(VIRT, "GetQualifier", P.value("QualifierName", "E2E_PsQ"))).size() == 1);
            assertTrue(ok(c.call("root/e2e-persisted", "EnumerateClassNames")).isEmpty());
            error(c.call(VIRT, "GetClass", P.className("ClassName", "E2E_PsDropped")), 6);
            assertEquals(4, ok(c.call(VIRT, "EnumerateInstanceNames", P.className("ClassName", "CIM_ComputerSystem"))).size(),
                    "the shipped demo host is there once, not twice");
            assertFalse(E2e.classNames(ok(c.call(VIRT, "EnumerateClassNames", P.className("ClassName", "CIM_ManagedElement"))))
                    .isEmpty());
            E2e.inst(ok(c.call(VIRT, "GetInstance", P.path("InstanceName", kept))).get(0));
        }
    }

}
