package org.cimkit.server.virtualization;

import java.util.Map;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimValue;
import org.cimkit.model.xml.CimXmlException;
import org.cimkit.model.xml.CimXmlReader;

/** Reading method inputs; a {@link Bad} carries the return code for a parameter that is wrong. */
final class Params {
    private final Map<CimName, CimValue> in;

    Params(Map<CimName, CimValue> in) {
        this.in = in;
    }

    static final class Bad extends Exception {
        private static final long serialVersionUID = 1L;
        final long code;

        Bad(long code, String message) {
            super(message);
            this.code = code;
        }
    }

    CimValue get(String name) {
        return in.get(CimName.of(name));
    }

    CimObjectPath ref(String name) {
        return get(name) instanceof CimValue.ReferenceValue r ? r.path() : null;
    }

    String string(String name) {
        return get(name) instanceof CimValue.StringValue s ? s.value() : null;
    }

    Integer uint(String name) {
        return get(name) instanceof CimValue.IntegerValue i ? (int) i.longValue() : null;
    }

    /**
     * The embedded instance of an EmbeddedInstance parameter: null when NULL/absent; Bad when the text was
     * not an instance or the instance is not of {@code expected}.
     */
    CimInstance embedded(String name, CimName expected, long badCode) throws Bad {
        CimValue v = get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v instanceof CimValue.EmbeddedValue e && e.object() instanceof CimInstance i) {
            if (!i.className().equals(expected)) {
                throw new Bad(badCode, name + " must be an embedded " + expected + ", not " + i.className());
            }
            return i;
        }
        throw new Bad(badCode, name + " is not an embedded instance of " + expected);
    }

    /** Parses an element of a HyperVEmbeddedInstance string array. */
    static CimInstance embeddedElement(CimXmlReader reader, String text, CimName expected, long badCode, String what)
            throws Bad {
        try {
            if (reader.readEmbeddedObject(text) instanceof CimInstance i && i.className().equals(expected)) {
                return i;
            }
        } catch (CimXmlException e) {
            throw new Bad(badCode, what + " is not a valid embedded " + expected + ": " + e.getMessage());
        }
        throw new Bad(badCode, what + " must be an embedded " + expected);
    }
}
