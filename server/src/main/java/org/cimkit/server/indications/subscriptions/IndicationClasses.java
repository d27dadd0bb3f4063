package org.cimkit.server.indications.subscriptions;

import java.util.ArrayList;
import java.util.List;

import org.cimkit.model.CimDateTime;
import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimValue;
import org.cimkit.server.interop.InteropModule;

/** The class names of the Indications profile and the small value helpers its providers share. */
final class IndicationClasses {
    static final CimNamespace INTEROP = InteropModule.INTEROP;
    static final CimName FILTER = CimName.of("CIM_IndicationFilter");
    static final CimName DESTINATION = CimName.of("CIM_ListenerDestination");
    static final CimName DESTINATION_CIMXML = CimName.of("CIM_ListenerDestinationCIMXML");
    static final CimName SUBSCRIPTION = CimName.of("CIM_IndicationSubscription");
    static final CimName SERVICE = CimName.of("CIM_IndicationService");
    static final CimName CAPABILITIES = CimName.of("CIM_IndicationServiceCapabilities");
    static final CimName ELEMENT_CAPABILITIES = CimName.of("CIM_ElementCapabilities");
    static final CimName SERVICE_AFFECTS_ELEMENT = CimName.of("CIM_ServiceAffectsElement");
    static final CimName COMPUTER_SYSTEM = CimName.of("CIM_ComputerSystem");
    static final CimName MANAGED_ELEMENT = CimName.of("CIM_ManagedElement");
    static final CimName CREATION_CLASS_NAME = CimName.of("CreationClassName");

    private IndicationClasses() {
    }

    /** A string property's value, or null when it is NULL or absent. */
    static String string(CimInstance i, String name) {
        CimValue v = i.value(name);
        return v instanceof CimValue.StringValue s ? s.value() : null;
    }

    /** An integer property's value, or null when it is NULL or absent. */
    static Long integer(CimInstance i, String name) {
        CimValue v = i.value(name);
        return v instanceof CimValue.IntegerValue n ? n.bits() : null;
    }

    /** The elements of a string array property (empty for NULL). */
    static List<String> strings(CimInstance i, String name) {
        List<String> out = new ArrayList<>();
        if (i.value(name) instanceof CimValue.ArrayValue a) {
            for (CimValue e : a.elements()) {
                if (e instanceof CimValue.StringValue s) {
                    out.add(s.value());
                }
            }
        }
        return out;
    }

    static CimValue.DateTimeValue timestamp(long millis) {
        return new CimValue.DateTimeValue(CimDateTime.of(java.time.Instant.ofEpochMilli(millis)
                .atOffset(java.time.ZoneOffset.UTC)));
    }

    /** Milliseconds since the epoch of a datetime property, or null. */
    static Long millis(CimInstance i, String name) {
        return i.value(name) instanceof CimValue.DateTimeValue d && !d.value().isInterval() ? d.value().micros() / 1000
                : null;
    }

    static CimNamespace namespace(String name, String what) {
        try {
            return CimNamespace.of(name);
        } catch (IllegalArgumentException e) {
            throw new CimException(CimStatus.INVALID_PARAMETER, what + ": " + name + " is not a namespace name");
        }
    }

    /**
     * The one form of a path to an instance of this module: namespace root/interop, no host, keys
     * that are references in the same form. Stored references and lookups both use it, so a client's
     * INSTANCEPATH (with a host) and LOCALINSTANCEPATH name the same instance. The class is the
     * concrete one its CreationClassName key names, so a path naming a base class
     * ({@code CIM_ListenerDestination.CreationClassName="CIM_ListenerDestinationCIMXML",...}) names the
     * stored instance too (whether that class derives from the named one is the caller's check).
     */
    static CimObjectPath canonical(CimObjectPath p) {
        List<CimKeyBinding> keys = new ArrayList<>(p.keys().size());
        CimName cls = p.className();
        for (CimKeyBinding k : p.keys()) {
            keys.add(k.value() instanceof CimValue.ReferenceValue r
                    ? new CimKeyBinding(k.name(), new CimValue.ReferenceValue(canonical(r.path()))) : k);
            if (k.name().equals(CREATION_CLASS_NAME) && k.value() instanceof CimValue.StringValue v && !v.value().isBlank()) {
                cls = concrete(v.value(), cls);
            }
        }
        return CimObjectPath.of(null, INTEROP, cls, keys);
    }

    private static CimName concrete(String name, CimName named) {
        try {
            return CimName.of(name);
        } catch (IllegalArgumentException e) {
            return named; // not a class name: the lookup of the named class fails as it would have
        }
    }

    static CimException invalid(String message) {
        return new CimException(CimStatus.INVALID_PARAMETER, message);
    }

    static CimException notSupported(String message) {
        return new CimException(CimStatus.NOT_SUPPORTED, message);
    }
}
