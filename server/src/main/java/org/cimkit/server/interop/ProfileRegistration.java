package org.cimkit.server.interop;

import java.util.Objects;

import org.cimkit.model.CimObjectPath;

/**
 * A management profile another module implements, for the interop namespace to advertise: one
 * CIM_RegisteredProfile (RegisteredOrganization 2, DMTF) and, when the profile has a central
 * instance, the CIM_ElementConformsToProfile linking the two.
 *
 * @param instanceId      the CIM_RegisteredProfile's InstanceID ({@code Cimkit:<name>})
 * @param name            RegisteredName
 * @param version         RegisteredVersion
 * @param centralInstance the profile's central instance (with its namespace), or null
 */
public record ProfileRegistration(String instanceId, String name, String version, CimObjectPath centralInstance) {
    public ProfileRegistration {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
    }
}
