package org.cimkit.server.interop;

import java.util.Objects;
import java.util.stream.Stream;

import org.cimkit.model.CimObjectPath;

/**
 * A DMTF management profile the server implements, for the interop namespace to advertise: one
 * CIM_RegisteredProfile (RegisteredOrganization 2, DMTF; AdvertiseTypes {2}), the
 * CIM_ElementConformsToProfile from it to each of its central instances, and, for a component
 * profile, the CIM_ReferencedProfile that names the profile scoping it.
 *
 * @param name     RegisteredName, exactly as DMTF spells it ("Indications", "Job Control", ...)
 * @param version  RegisteredVersion, three parts ("1.0.0")
 * @param scopedBy RegisteredName of the autonomous profile this component profile is referenced by
 *                 (CIM_ReferencedProfile: this profile the Antecedent, that one the Dependent), or null
 *                 for an autonomous profile
 * @param central  the profile's central instances, read when a client asks (they may come and go)
 */
public record ProfileRegistration(String name, String version, String scopedBy, CentralInstances central) {
    /** The organization part of the InstanceID: the profiles are DMTF's. */
    private static final String ORGANIZATION = "DMTF";

    public ProfileRegistration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(central, "central");
    }

    /**
     * The CIM_RegisteredProfile's InstanceID: {@code Cimkit:DMTF+<name>+<version>} (DSP1033's
     * {@code <OrgID>:<LocalID>}, Cimkit being the instance's creator).
     */
    public String instanceId() {
        return instanceId(name, version);
    }

    /** The InstanceID of the registration of profile {@code name} version {@code version}. */
    public static String instanceId(String name, String version) {
        return "Cimkit:" + ORGANIZATION + "+" + name + "+" + version;
    }

    /** Where a profile's central instances are found. */
    @FunctionalInterface
    public interface CentralInstances {
        /** The paths (each with its namespace, no host) of the central instances as they are now. */
        Stream<CimObjectPath> paths();

        static CentralInstances of(CimObjectPath... fixed) {
            return () -> Stream.of(fixed);
        }
    }
}
