package org.cimkit.e2e;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimQualifierType;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimValue;
import org.cimkit.model.message.Argument;
import org.cimkit.model.message.CimMessage;
import org.cimkit.mof.CompiledModel;
import org.cimkit.mof.MofCompiler;

/** Intrinsic operations through {@link CimClient}, failing the test on any CIM error, for the e2e suites. */
public final class Ops {
    public static final String VIRT = "root/virtualization/v2";
    public static final String INTEROP = "root/interop";
    public static final String HOST = "CIMKIT-DEMO-HOST";
    public static final String WEB01 = "4F9FCDC0-5C4C-521E-B863-91D70FF59557";
    public static final String DB01 = "AA8B25EE-1579-579A-84FE-A0CD0FA9A51D";
    public static final String BUILD01 = "50941F68-3481-5E82-87C4-916C1ABF5932";

    private Ops() {
    }

    /** Compiles MOF text on top of the shipped qualifier declarations (namespace root/cimv2). */
    public static CompiledModel compile(String mof) {
        try {
            return new MofCompiler().compileResource("org/cimkit/mof/schema/qualifiers.mof").compileString("test.mof", mof)
                    .result();
        } catch (Exception e) {
            throw new AssertionError("test MOF does not compile: " + e.getMessage(), e);
        }
    }

    public static CimClass mofClass(String mof, String className) {
        return compile(mof).namespace(MofCompiler.DEFAULT_NAMESPACE).cimClass(className);
    }

    /** The CIM error of an intrinsic or extrinsic response, or null. */
    public static CimMessage.Error error(CimClient.Exchange e) {
        if (e.status() != 200) {
            throw new AssertionError("HTTP " + e.status() + ": " + e.bodyText());
        }
        Object body = e.message().body();
        if (body instanceof CimMessage.IMethodResponse r) {
            return r.error();
        }
        return ((CimMessage.MethodResponse) body).error();
    }

    public static CimClient.Exchange ok(CimClient.Exchange e) {
        CimMessage.Error err = error(e);
        if (err != null) {
            throw new AssertionError("unexpected CIM error " + err.status() + ": " + err.description());
        }
        return e;
    }

    public static void createClass(CimClient c, String ns, CimClass cls) throws IOException, InterruptedException {
        ok(c.call(ns, "CreateClass", CimClient.P.of("NewClass", new Argument.ClassArg(cls, null))));
    }

    public static void setQualifier(CimClient c, String ns, CimQualifierType q) throws IOException, InterruptedException {
        ok(c.call(ns, "SetQualifier", CimClient.P.of("QualifierDeclaration", new Argument.QualifierDecl(q))));
    }

    public static CimQualifierType getQualifier(CimClient c, String ns, String name) throws IOException, InterruptedException {
        CimClient.Exchange e = c.call(ns, "GetQualifier", CimClient.P.value("QualifierName", name));
        if (status(e) == CimStatus.NOT_FOUND) {
            return null;
        }
        return ((Argument.QualifierDecl) CimClient.items(ok(e)).get(0)).declaration();
    }

    public static CimClass getClass(CimClient c, String ns, String name) throws IOException, InterruptedException {
        CimClient.Exchange e = c.call(ns, "GetClass", CimClient.P.className("ClassName", name),
                CimClient.P.bool("LocalOnly", false));
        if (status(e) == CimStatus.NOT_FOUND || status(e) == CimStatus.INVALID_NAMESPACE) {
            return null;
        }
        return ((Argument.ClassArg) CimClient.items(ok(e)).get(0)).cimClass();
    }

    public static CimObjectPath createInstance(CimClient c, String ns, CimInstance inst) throws IOException, InterruptedException {
        return ((Argument.Path) CimClient.items(ok(c.call(ns, "CreateInstance",
                CimClient.P.of("NewInstance", new Argument.InstanceArg(inst))))).get(0)).path();
    }

    /** ModifyInstance of the given instance (which carries its path), with an optional property list. */
    public static void modifyInstance(CimClient c, String ns, CimInstance withPath, String... propertyList)
            throws IOException, InterruptedException {
        List<CimClient.P> ps = new ArrayList<>();
        ps.add(CimClient.P.of("ModifiedInstance", new Argument.InstanceArg(withPath)));
        if (propertyList.length > 0) {
            ps.add(CimClient.P.array("PropertyList", propertyList));
        }
        ok(c.call(ns, "ModifyInstance", ps.toArray(CimClient.P[]::new)));
    }

    public static void deleteInstance(CimClient c, String ns, CimObjectPath path) throws IOException, InterruptedException {
        ok(c.call(ns, "DeleteInstance", CimClient.P.path("InstanceName", path)));
    }

    /** GetInstance, or null when the server answers CIM_ERR_NOT_FOUND. */
    public static CimInstance getInstance(CimClient c, String ns, CimObjectPath path) throws IOException, InterruptedException {
        CimClient.Exchange e = c.call(ns, "GetInstance", CimClient.P.path("InstanceName", path),
                CimClient.P.bool("LocalOnly", false));
        if (status(e) == CimStatus.NOT_FOUND) {
            return null;
        }
        return ((Argument.InstanceArg) CimClient.items(ok(e)).get(0)).instance();
    }

    public static List<CimObjectPath> instanceNames(CimClient c, String ns, String cls) throws IOException, InterruptedException {
        List<CimObjectPath> out = new ArrayList<>();
        for (Argument a : CimClient.items(ok(c.call(ns, "EnumerateInstanceNames", CimClient.P.className("ClassName", cls))))) {
            out.add(((Argument.Path) a).path());
        }
        return out;
    }

    /** The names of the namespaces this client may see, sorted: the Name of each CIM_Namespace in root/interop. */
    public static List<String> namespaces(CimClient c) throws IOException, InterruptedException {
        List<String> out = new ArrayList<>();
        for (Argument a : CimClient.items(ok(c.call(INTEROP, "EnumerateInstances",
                CimClient.P.className("ClassName", "CIM_Namespace"))))) {
            out.add(((CimValue.StringValue) ((Argument.InstanceArg) a).instance().value("Name")).value());
        }
        return out.stream().sorted().toList();
    }

    public static CimStatus status(CimClient.Exchange e) {
        CimMessage.Error err = error(e);
        return err == null ? null : err.status();
    }

    public static CimObjectPath path(String cls, String... keyValuePairs) {
        List<org.cimkit.model.CimKeyBinding> keys = new ArrayList<>();
        for (int i = 0; i < keyValuePairs.length; i += 2) {
            keys.add(org.cimkit.model.CimKeyBinding.of(keyValuePairs[i], keyValuePairs[i + 1]));
        }
        return CimObjectPath.forInstance(null, CimName.of(cls), keys);
    }

    public static CimObjectPath vm(String guid) {
        return path("Msvm_ComputerSystem", "CreationClassName", "Msvm_ComputerSystem", "Name", guid);
    }

    /** The lexical text of a scalar property value, or null. */
    public static String text(CimInstance i, String property) {
        CimValue v = i.value(property);
        return v instanceof CimValue.Scalar s ? s.toLexical() : null;
    }

    public static CimNamespace ns(String s) {
        return CimNamespace.of(s);
    }
}
