package org.cimkit.e2e;

import java.util.List;

/**
 * The DMTF profiles the server advertises in root/interop, as issue 13 and the interop fact sheet
 * (§6, gaps 5 and 7) settle them: the one list the discovery tests and the README check hold the
 * server to.
 */
final class AdvertisedProfiles {
    static final String WBEM_SERVER = "WBEM Server";
    static final String PROFILE_REGISTRATION = "Profile Registration";
    static final String INDICATIONS = "Indications";
    static final String JOB_CONTROL = "Job Control";
    static final String SYSTEM_VIRTUALIZATION = "System Virtualization";
    static final String VIRTUAL_SYSTEM = "Virtual System";

    /**
     * One advertised profile.
     *
     * @param scopedBy the profile that references it (CIM_ReferencedProfile: this one the
     *                 Antecedent, that one the Dependent), null for an autonomous profile
     */
    record Profile(String name, String version, String scopedBy) {
        /** CIM_RegisteredProfile.InstanceID: {@code Cimkit:DMTF+<Name>+<Version>}. */
        String instanceId() {
            return "Cimkit:DMTF+" + name + "+" + version;
        }
    }

    static final List<Profile> ALL = List.of(
            new Profile(WBEM_SERVER, "1.0.0", null),
            new Profile(PROFILE_REGISTRATION, "1.0.0", WBEM_SERVER),
            new Profile(INDICATIONS, "1.2.0", WBEM_SERVER),
            new Profile(JOB_CONTROL, "1.0.0", SYSTEM_VIRTUALIZATION),
            new Profile(SYSTEM_VIRTUALIZATION, "1.0.0", null),
            new Profile(VIRTUAL_SYSTEM, "1.0.0", SYSTEM_VIRTUALIZATION));

    private AdvertisedProfiles() {
    }

    static Profile named(String name) {
        return ALL.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not an advertised profile: " + name));
    }
}
