package org.cimkit.server.repository;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimDateTime;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObject;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.model.xml.CimXmlException;
import org.cimkit.model.xml.CimXmlReader;
import org.cimkit.model.xml.CimXmlWriter;
import org.cimkit.model.xml.XmlLimits;

/**
 * A compact binary form of {@link CimValue}s for the instance store: a kind byte, the CIM type, then
 * the value (strings as UTF-8, integers as variable-length zig-zag numbers, reals as IEEE bits,
 * paths structurally). Every value, NULL array elements and key types included, reads back equal
 * to what was written. Embedded objects, which are rare in stored instances, travel as their
 * CIM-XML text.
 */
final class ValueCodec {
    private static final byte NULL_SCALAR = 0;
    private static final byte NULL_ARRAY = 1;
    private static final byte SCALAR = 2;
    private static final byte ARRAY = 3;
    private static final CimType[] TYPES = CimType.values();
    /** Reads embedded objects back; its parser factory is shared and safe for concurrent use. */
    private static final CimXmlReader EMBEDDED_READER = new CimXmlReader(
            XmlLimits.DEFAULT.withMaxDocumentBytes(Long.MAX_VALUE));

    private ValueCodec() {
    }

    static void write(CimValue v, Out out) {
        if (v instanceof CimValue.NullValue n) {
            out.writeByte(n.array() ? NULL_ARRAY : NULL_SCALAR);
            out.writeByte(n.type().ordinal());
        } else if (v instanceof CimValue.ArrayValue a) {
            out.writeByte(ARRAY);
            out.writeByte(a.type().ordinal());
            List<CimValue> elements = a.elements();
            out.writeVarLong(elements.size());
            for (CimValue e : elements) {
                if (e instanceof CimValue.Scalar s) {
                    out.writeByte(1);
                    writeScalar(s, out);
                } else {
                    out.writeByte(0); // a NULL element; its type is the array's
                }
            }
        } else {
            out.writeByte(SCALAR);
            out.writeByte(v.type().ordinal());
            writeScalar((CimValue.Scalar) v, out);
        }
    }

    static CimValue read(In in) {
        byte kind = in.readByte();
        CimType type = TYPES[in.readByte()];
        switch (kind) {
            case NULL_SCALAR:
                return new CimValue.NullValue(type, false);
            case NULL_ARRAY:
                return new CimValue.NullValue(type, true);
            case SCALAR:
                return readScalar(type, in);
            case ARRAY:
                int n = (int) in.readVarLong();
                List<CimValue> elements = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    elements.add(in.readByte() == 0 ? new CimValue.NullValue(type, false) : readScalar(type, in));
                }
                return new CimValue.ArrayValue(type, elements);
            default:
                throw new IllegalStateException("stored value has unknown kind " + kind);
        }
    }

    private static void writeScalar(CimValue.Scalar s, Out out) {
        if (s instanceof CimValue.StringValue v) {
            out.writeString(v.value());
        } else if (s instanceof CimValue.IntegerValue v) {
            out.writeVarLong(v.bits());
        } else if (s instanceof CimValue.BooleanValue v) {
            out.writeByte(v.value() ? 1 : 0);
        } else if (s instanceof CimValue.RealValue v) {
            out.writeLong(Double.doubleToRawLongBits(v.value()));
        } else if (s instanceof CimValue.DateTimeValue v) {
            out.writeString(v.value().toString());
        } else if (s instanceof CimValue.Char16Value v) {
            out.writeVarLong(v.value());
        } else if (s instanceof CimValue.ReferenceValue v) {
            writePath(v.path(), out);
        } else if (s instanceof CimValue.EmbeddedValue v) {
            out.writeString(embeddedText(v.object()));
        } else {
            throw new IllegalArgumentException("no stored form for " + s.getClass().getSimpleName());
        }
    }

    private static CimValue.Scalar readScalar(CimType type, In in) {
        switch (type) {
            case STRING:
                return new CimValue.StringValue(in.readString());
            case BOOLEAN:
                return CimValue.BooleanValue.of(in.readByte() != 0);
            case CHAR16:
                return new CimValue.Char16Value((char) in.readVarLong());
            case REAL32:
            case REAL64:
                return new CimValue.RealValue(type, Double.longBitsToDouble(in.readLong()));
            case DATETIME:
                return new CimValue.DateTimeValue(CimDateTime.parse(in.readString()));
            case REFERENCE:
                return new CimValue.ReferenceValue(readPath(in));
            case INSTANCE:
            case OBJECT:
                return new CimValue.EmbeddedValue(type, embeddedObject(in.readString()));
            default:
                return new CimValue.IntegerValue(type, in.readVarLong());
        }
    }

    /** Host, namespace, class and keys with their exact types (a parsed WBEM URI would lose the integer widths). */
    static void writePath(CimObjectPath p, Out out) {
        out.writeNullableString(p.host());
        out.writeNullableString(p.namespace() == null ? null : p.namespace().value());
        out.writeString(p.className().value());
        out.writeVarLong(p.keys().size());
        for (CimKeyBinding k : p.keys()) {
            out.writeString(k.name().value());
            out.writeByte(k.value().type().ordinal());
            writeScalar(k.value(), out);
        }
    }

    static CimObjectPath readPath(In in) {
        String host = in.readNullableString();
        String ns = in.readNullableString();
        CimName className = CimName.of(in.readString());
        int n = (int) in.readVarLong();
        List<CimKeyBinding> keys = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            CimName name = CimName.of(in.readString());
            keys.add(new CimKeyBinding(name, readScalar(TYPES[in.readByte()], in)));
        }
        return CimObjectPath.of(host, ns == null ? null : CimNamespace.of(ns), className, keys);
    }

    private static String embeddedText(CimObject o) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (CimXmlWriter w = new CimXmlWriter(bytes)) {
            if (o instanceof CimInstance i) {
                w.writeInstance(i, true, true);
            } else {
                w.writeClass((CimClass) o, true, true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static CimObject embeddedObject(String xml) {
        try {
            return EMBEDDED_READER.readEmbeddedObject(xml);
        } catch (CimXmlException e) {
            throw new IllegalStateException("stored embedded object is damaged: " + e.getMessage(), e);
        }
    }

    /** A growing byte buffer to encode into. Not thread-safe; one per encoding. */
    static final class Out {
        private byte[] buf;
        private int len;

        Out(int initialCapacity) {
            buf = new byte[Math.max(16, initialCapacity)];
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, len);
        }

        void writeByte(int b) {
            ensure(1);
            buf[len++] = (byte) b;
        }

        void writeLong(long v) {
            ensure(8);
            for (int i = 0; i < 8; i++) {
                buf[len++] = (byte) (v >>> (56 - 8 * i));
            }
        }

        /** Zig-zag, seven bits per byte: small magnitudes of either sign take one or two bytes. */
        void writeVarLong(long v) {
            long z = (v << 1) ^ (v >> 63);
            ensure(10);
            while ((z & ~0x7FL) != 0) {
                buf[len++] = (byte) ((z & 0x7F) | 0x80);
                z >>>= 7;
            }
            buf[len++] = (byte) z;
        }

        void writeString(String s) {
            int n = s.length();
            boolean ascii = true;
            for (int i = 0; i < n && ascii; i++) {
                ascii = s.charAt(i) < 0x80;
            }
            if (ascii) { // the usual case: no encoder, no intermediate array
                writeVarLong(n);
                ensure(n);
                for (int i = 0; i < n; i++) {
                    buf[len++] = (byte) s.charAt(i);
                }
            } else {
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                writeVarLong(utf8.length);
                ensure(utf8.length);
                System.arraycopy(utf8, 0, buf, len, utf8.length);
                len += utf8.length;
            }
        }

        void writeNullableString(String s) {
            if (s == null) {
                writeVarLong(-1);
            } else {
                writeString(s);
            }
        }

        private void ensure(int more) {
            if (len + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
            }
        }
    }

    /** Reads what {@link Out} wrote. */
    static final class In {
        private final byte[] buf;
        private int pos;

        In(byte[] buf) {
            this.buf = buf;
        }

        byte readByte() {
            return buf[pos++];
        }

        long readLong() {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (buf[pos++] & 0xFF);
            }
            return v;
        }

        long readVarLong() {
            long z = 0;
            int shift = 0;
            byte b;
            do {
                b = buf[pos++];
                z |= (long) (b & 0x7F) << shift;
                shift += 7;
            } while (b < 0);
            return (z >>> 1) ^ -(z & 1);
        }

        String readString() {
            int n = (int) readVarLong();
            String s = new String(buf, pos, n, StandardCharsets.UTF_8);
            pos += n;
            return s;
        }

        String readNullableString() {
            int at = pos;
            if (readVarLong() == -1) {
                return null;
            }
            pos = at;
            return readString();
        }
    }
}
