package org.cimkit.mof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;

import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimQualifierType;
import org.junit.jupiter.api.Test;

/** Qualifier types given as defaults: usable without a declaration, replaced by one. */
class QualifierDefaultsTest {
    private static final CimNamespace NS = CimNamespace.of("root/new");

    private static Collection<CimQualifierType> standard() throws Exception {
        CimNamespace scratch = CimNamespace.of("standard");
        return new MofCompiler().defaultNamespace(scratch).compileResource("org/cimkit/mof/schema/qualifiers.mof")
                .result().namespaces().get(scratch).qualifierTypes().values();
    }

    @Test
    void ordinaryMofUsesTheDefaults() throws Exception {
        CompiledModel m = new MofCompiler().qualifierDefaults(NS, standard()).defaultNamespace(NS)
                .compileString("x.mof", "[Description(\"a thing\")] class X_Thing { [Key] string Id; };").result();
        assertTrue(m.namespace(NS).cimClass("X_Thing").property("Id").isKey());
    }

    @Test
    void aDeclarationInTheMofReplacesTheDefault() throws Exception {
        CompiledModel m = new MofCompiler().qualifierDefaults(NS, standard()).defaultNamespace(NS).compileString("x.mof", """
                Qualifier Description : string = "none", Scope(class);
                [Description("a thing")] class X_Thing { };
                """).result();
        CimQualifierType d = m.namespace(NS).qualifierType("Description");
        assertNotNull(d);
        assertEquals("string", d.type().typeName());
        assertEquals(new org.cimkit.model.CimValue.StringValue("none"), d.defaultValue(), "the MOF's own declaration");
    }

    @Test
    void aSecondDeclarationInOneCompileIsStillAnError() throws Exception {
        MofCompiler c = new MofCompiler().qualifierDefaults(NS, standard()).defaultNamespace(NS);
        assertThrows(MofException.class, () -> c.compileString("x.mof", """
                Qualifier Description : string = "one", Scope(class);
                Qualifier Description : string = "two", Scope(class);
                """));
    }
}
