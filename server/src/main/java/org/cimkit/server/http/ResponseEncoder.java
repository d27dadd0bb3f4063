package org.cimkit.server.http;

import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimQualifierType;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.model.xml.CimXmlWriter;
import org.cimkit.server.dispatch.OperationResult;

/** Writes an {@link OperationResult} as the body of an (I)METHODRESPONSE, item by item. */
final class ResponseEncoder {
    private ResponseEncoder() {
    }

    static void intrinsic(CimXmlWriter w, String messageId, String method, OperationResult r) throws IOException {
        w.startIMethodResponse(messageId, method);
        if (!(r instanceof OperationResult.None)) {
            w.startIReturnValue();
            items(w, r);
            w.endIReturnValue();
            if (r instanceof OperationResult.Pull p) {
                w.writeParamValue("EndOfSequence", CimValue.BooleanValue.of(p.endOfSequence()));
                w.writeParamValue("EnumerationContext", p.context() == null ? CimValue.NullValue.of(CimType.STRING)
                        : new CimValue.StringValue(p.context()));
                if (p.queryResultClass() != null) {
                    w.writeParamValue("QueryResultClass", p.queryResultClass());
                }
            }
        }
        w.endIMethodResponse();
    }

    static void extrinsic(CimXmlWriter w, String messageId, String method, OperationResult.MethodReturn r)
            throws IOException {
        w.startMethodResponse(messageId, method);
        w.writeReturnValue(r.returnValue());
        for (Map.Entry<String, CimValue> e : r.outParameters().entrySet()) {
            w.writeParamValue(e.getKey(), e.getValue());
        }
        w.endMethodResponse();
    }

    private static void items(CimXmlWriter w, OperationResult r) throws IOException {
        if (r instanceof OperationResult.SingleClass c) {
            w.writeClass(c.cimClass(), true, c.includeClassOrigin());
        } else if (r instanceof OperationResult.Classes c) {
            for (Iterator<CimClass> it = c.classes().iterator(); it.hasNext();) {
                w.writeClass(it.next(), true, c.includeClassOrigin());
            }
        } else if (r instanceof OperationResult.ClassNames n) {
            for (Iterator<CimName> it = n.names().iterator(); it.hasNext();) {
                w.writeClassName(it.next());
            }
        } else if (r instanceof OperationResult.SingleInstance i) {
            w.writeInstance(i.instance(), false, i.includeClassOrigin());
        } else if (r instanceof OperationResult.NamedInstances n) {
            try (Stream<CimInstance> s = n.instances()) {
                for (Iterator<CimInstance> it = s.iterator(); it.hasNext();) {
                    w.writeNamedInstance(it.next(), false, n.includeClassOrigin());
                }
            }
        } else if (r instanceof OperationResult.InstanceNames n) {
            try (Stream<CimObjectPath> s = n.paths()) {
                for (Iterator<CimObjectPath> it = s.iterator(); it.hasNext();) {
                    w.writeInstanceName(it.next());
                }
            }
        } else if (r instanceof OperationResult.InstancesWithPath n) {
            try (Stream<CimInstance> s = n.instances()) {
                for (Iterator<CimInstance> it = s.iterator(); it.hasNext();) {
                    w.writeObjectWithPath(it.next(), false, n.includeClassOrigin());
                }
            }
        } else if (r instanceof OperationResult.ClassesWithPath n) {
            for (Iterator<Map.Entry<CimObjectPath, CimClass>> it = n.classes().iterator(); it.hasNext();) {
                Map.Entry<CimObjectPath, CimClass> e = it.next();
                w.writeObjectWithPath(e.getValue(), e.getKey(), true, n.includeClassOrigin());
            }
        } else if (r instanceof OperationResult.ObjectPaths n) {
            try (Stream<CimObjectPath> s = n.paths()) {
                for (Iterator<CimObjectPath> it = s.iterator(); it.hasNext();) {
                    w.writeObjectPath(it.next());
                }
            }
        } else if (r instanceof OperationResult.PropertyValue v) {
            w.writeValue(v.value());
        } else if (r instanceof OperationResult.QualifierDeclarations q) {
            for (CimQualifierType t : q.declarations()) {
                w.writeQualifierDeclaration(t);
            }
        } else if (r instanceof OperationResult.Pull p) {
            for (CimObjectPath path : p.paths()) {
                w.writeInstancePath(path);
            }
            for (CimInstance i : p.instances()) {
                if (p.withPaths()) {
                    w.writeInstanceWithPath(i, false, p.includeClassOrigin());
                } else {
                    w.writeInstance(i, false, p.includeClassOrigin());
                }
            }
        } else if (r instanceof OperationResult.Count c) {
            if (c.count() != null) {
                w.writeValue(CimValue.IntegerValue.uint64(c.count()));
            }
        } else {
            throw new IllegalStateException("no encoding for " + r.getClass().getSimpleName());
        }
    }
}
