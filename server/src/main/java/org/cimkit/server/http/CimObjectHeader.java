package org.cimkit.server.http;

import java.util.Objects;

import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimValue;

/**
 * Whether the (decoded) CIMObject header names what the body addresses (DSP0200 §6.3.7): the
 * namespace of an intrinsic call; the namespace, class and, for an instance, the keys of an
 * extrinsic call's target. Paths compare as CIM paths: names ignore case, key order does not
 * matter, numbers compare by value. A key value the header quotes matches a body value of another
 * type (datetime, char16, a number sent as text) by its text, as the header has no types.
 */
final class CimObjectHeader {
    private CimObjectHeader() {
    }

    /** The intrinsic check: CIMObject is the namespace. */
    static void matchNamespace(String cimObject, CimNamespace ns) throws HttpFailure {
        CimNamespace headerNs;
        try {
            headerNs = CimNamespace.of(cimObject);
        } catch (IllegalArgumentException e) {
            throw mismatch("CIMObject " + cimObject + " is not a namespace");
        }
        if (!headerNs.equals(ns)) {
            throw mismatch("CIMObject " + cimObject + " does not match the namespace " + ns + " of the body");
        }
    }

    /** The extrinsic check: CIMObject is the local class or instance path of the target. */
    static void matchTarget(String cimObject, CimObjectPath target) throws HttpFailure {
        CimObjectPath header;
        try {
            header = CimObjectPath.parse(cimObject);
        } catch (IllegalArgumentException e) {
            throw mismatch("CIMObject " + cimObject + " is not an object path");
        }
        if (header.namespace() == null || !samePath(header, target)) {
            throw mismatch("CIMObject " + cimObject + " does not match the target " + target + " of the body");
        }
    }

    /** Same namespace (when both name one), class and keys; hosts are not compared. */
    static boolean samePath(CimObjectPath header, CimObjectPath body) {
        if (header.namespace() != null && body.namespace() != null && !header.namespace().equals(body.namespace())) {
            return false;
        }
        if (!header.className().equals(body.className()) || header.keys().size() != body.keys().size()) {
            return false;
        }
        for (CimKeyBinding b : body.keys()) {
            CimKeyBinding h = header.key(b.name().toString());
            if (h == null || !sameValue(h, b)) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameValue(CimKeyBinding header, CimKeyBinding body) {
        if (header.equals(body)) {
            return true;
        }
        CimValue.Scalar h = header.value();
        CimValue.Scalar b = body.value();
        if (h instanceof CimValue.ReferenceValue hr && b instanceof CimValue.ReferenceValue br) {
            return samePath(hr.path(), br.path());
        }
        if (b instanceof CimValue.ReferenceValue br) {
            // a quoted path the header parser did not read as a reference (e.g. a class path)
            try {
                return samePath(CimObjectPath.parse(h.toLexical()), br.path());
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return h instanceof CimValue.StringValue && Objects.equals(h.toLexical(), b.toLexical());
    }

    private static HttpFailure mismatch(String detail) {
        return new HttpFailure(400, "header-mismatch", detail);
    }
}
