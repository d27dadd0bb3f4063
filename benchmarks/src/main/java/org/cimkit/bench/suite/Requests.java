package org.cimkit.bench.suite;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimValue;
import org.cimkit.model.message.Argument;
import org.cimkit.model.xml.CimXmlWriter;

/** CIM-XML request bodies written with the project's own codec, wrapped into HTTP requests. */
final class Requests {
    private static final AtomicLong IDS = new AtomicLong(1);

    private Requests() {
    }

    record Param(String name, Argument arg) {
        static Param text(String name, String text) {
            return new Param(name, new Argument.Text(text, null));
        }

        static Param cls(String name, String cls) {
            return new Param(name, new Argument.ClassName(CimName.of(cls)));
        }

        static Param path(String name, CimObjectPath p) {
            return new Param(name, new Argument.Path(p));
        }
    }

    static byte[] intrinsic(String hostPort, String ns, String method, Param... params) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(512);
            CimXmlWriter w = new CimXmlWriter(out);
            w.startIMethodCall(Long.toString(IDS.incrementAndGet()), method, CimNamespace.of(ns));
            for (Param p : params) {
                w.writeIParamValue(p.name(), p.arg());
            }
            w.endIMethodCall();
            w.close();
            return WbemConnection.request(hostPort, method, URLEncoder.encode(ns, StandardCharsets.UTF_8), out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] extrinsic(String hostPort, CimObjectPath target, String method, Map<String, CimValue> params) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(512);
            CimXmlWriter w = new CimXmlWriter(out);
            w.startMethodCall(Long.toString(IDS.incrementAndGet()), method, target);
            for (Map.Entry<String, CimValue> e : params.entrySet()) {
                w.writeParamValue(e.getKey(), e.getValue());
            }
            w.endMethodCall();
            w.close();
            return WbemConnection.request(hostPort, method, URLEncoder.encode(target.toString(), StandardCharsets.UTF_8),
                    out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CimObjectPath instancePath(String ns, String cls, String key, String value) {
        return CimObjectPath.forInstance(ns == null ? null : CimNamespace.of(ns), CimName.of(cls),
                List.of(CimKeyBinding.of(key, value)));
    }
}
