package org.cimkit.server.interop;

import static org.cimkit.server.interop.InteropNames.CONFORMS_TO_PROFILE;
import static org.cimkit.server.interop.InteropNames.INTEROP;
import static org.cimkit.server.interop.InteropNames.MANAGED_ELEMENT;
import static org.cimkit.server.interop.InteropNames.REFERENCED_PROFILE;
import static org.cimkit.server.interop.InteropNames.REGISTERED_PROFILE;
import static org.cimkit.server.interop.InteropNames.association;
import static org.cimkit.server.interop.InteropNames.shape;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimMethod;
import org.cimkit.model.CimName;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.server.providers.InstanceProvider;
import org.cimkit.server.providers.MethodProvider;
import org.cimkit.server.providers.MethodResult;
import org.cimkit.server.providers.NamespaceAccess;
import org.cimkit.server.providers.ProviderContext;

/**
 * The registered profiles (DSP1033), computed: one CIM_RegisteredProfile per profile, a
 * CIM_ReferencedProfile from each component profile (Antecedent) to the profile that scopes it
 * (Dependent), and a CIM_ElementConformsToProfile from each profile to each of its central
 * instances. root/interop serves every one; another namespace serves the
 * CIM_ElementConformsToProfile instances whose central instance lives in it, so a client standing
 * on a host or job finds its profile from there (as WMI serves cross-namespace associations from
 * both ends). CIM_RegisteredProfile.GetCentralInstances answers the same central instances
 * (DSP1033 1.1's method, which pywbem tries first when asked to).
 */
final class ProfileProvider implements InstanceProvider, MethodProvider {
    static final String GET_CENTRAL_INSTANCES = "GetCentralInstances";

    static final List<CimName> INTEROP_CLASSES = List.of(REGISTERED_PROFILE, REFERENCED_PROFILE, CONFORMS_TO_PROFILE);

    private final List<ProfileRegistration> profiles;
    private final Map<String, ProfileRegistration> byName;
    private final NamespaceAccess access;

    ProfileProvider(List<ProfileRegistration> profiles, NamespaceAccess access) {
        this.profiles = List.copyOf(profiles);
        this.access = access;
        this.byName = this.profiles.stream().collect(Collectors.toMap(ProfileRegistration::name, Function.identity(),
                (a, b) -> a));
    }

    static CimObjectPath profilePath(ProfileRegistration p) {
        return profilePath(p.instanceId());
    }

    static CimObjectPath profilePath(String instanceId) {
        return CimObjectPath.forInstance(INTEROP, REGISTERED_PROFILE, List.of(CimKeyBinding.of("InstanceID", instanceId)));
    }

    @Override
    public Stream<CimInstance> enumerate(ProviderContext ctx, CimName className) {
        if (ctx.objects().getClass(className) == null) {
            return Stream.empty();
        }
        boolean interop = ctx.namespace().equals(INTEROP);
        List<CimInstance> out = new ArrayList<>();
        if (className.equals(REGISTERED_PROFILE) && interop) {
            profiles.forEach(p -> out.add(profile(p)));
        } else if (className.equals(REFERENCED_PROFILE) && interop) {
            for (ProfileRegistration p : profiles) {
                ProfileRegistration scoping = p.scopedBy() == null ? null : byName.get(p.scopedBy());
                if (scoping != null) {
                    out.add(association(REFERENCED_PROFILE, "Antecedent", REGISTERED_PROFILE, profilePath(p),
                            "Dependent", REGISTERED_PROFILE, profilePath(scoping)));
                }
            }
        } else if (className.equals(CONFORMS_TO_PROFILE)) {
            for (ProfileRegistration p : profiles) {
                try (Stream<CimObjectPath> central = visibleCentral(ctx, p)) {
                    central.filter(c -> interop || ctx.namespace().equals(c.namespace()))
                            .forEach(c -> out.add(association(CONFORMS_TO_PROFILE, "ConformantStandard", REGISTERED_PROFILE,
                                    profilePath(p), "ManagedElement", MANAGED_ELEMENT, c)));
                }
            }
        }
        return out.stream().map(i -> shape(ctx, i));
    }

    /** GetCentralInstances on a registered profile: 0 and its central instances' paths. */
    @Override
    public MethodResult invoke(ProviderContext ctx, CimObjectPath target, CimMethod method, Map<CimName, CimValue> in) {
        if (!method.name().is(GET_CENTRAL_INSTANCES)) {
            throw new CimException(CimStatus.METHOD_NOT_AVAILABLE, "method " + method.name() + " is not implemented");
        }
        ProfileRegistration p = target.hasKeys() ? profiles.stream()
                .filter(r -> profilePath(r).local().equals(target.local())).findFirst().orElse(null) : null;
        if (p == null) {
            throw new CimException(CimStatus.NOT_FOUND, "registered profile " + target + " does not exist");
        }
        List<CimValue> central;
        try (Stream<CimObjectPath> paths = visibleCentral(ctx, p)) {
            central = paths.map(c -> (CimValue) new CimValue.ReferenceValue(c)).toList();
        }
        return new MethodResult(CimValue.IntegerValue.uint8(0), Map.of("CentralInstances",
                new CimValue.ArrayValue(CimType.REFERENCE, central)));
    }

    /**
     * The profile's central instances the caller may read: one in a namespace the caller may not
     * read is not shown (as Associators leaves such an end out), so every way to ask answers alike.
     */
    private Stream<CimObjectPath> visibleCentral(ProviderContext ctx, ProfileRegistration p) {
        return p.central().paths().filter(c -> c.namespace() == null || access.mayRead(ctx.user(), c.namespace()));
    }

    private static CimInstance profile(ProfileRegistration p) {
        return CimInstance.builder(REGISTERED_PROFILE).property("InstanceID", p.instanceId())
                .property("ElementName", p.name()).property("RegisteredOrganization", CimValue.IntegerValue.uint16(2))
                .property("RegisteredName", p.name()).property("RegisteredVersion", p.version())
                // 2 = Not Advertised: Cimkit speaks no SLP
                .property("AdvertiseTypes", InteropNames.uint16s(2)).build();
    }
}
