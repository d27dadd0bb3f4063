package org.cimkit.server.providers;

import java.util.Map;

import org.cimkit.model.CimMethod;
import org.cimkit.model.CimName;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimValue;

/** Carries out extrinsic methods of the classes it is registered for. */
public interface MethodProvider {

    /**
     * @param target the local path of the instance (keys) or class (no keys) the method is called on
     * @param method the method's declaration in the target's class
     * @param in     input parameters, already converted to their declared types; exception: an
     *               EmbeddedInstance parameter whose text is not an embedded object arrives as a
     *               StringValue holding the text (empty text arrives as NULL)
     */
    MethodResult invoke(ProviderContext ctx, CimObjectPath target, CimMethod method, Map<CimName, CimValue> in);
}
