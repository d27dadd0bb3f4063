package org.cimkit.server.virtualization;

import java.util.Locale;
import java.util.Map;

import org.cimkit.model.CimException;
import org.cimkit.model.CimMethod;
import org.cimkit.model.CimName;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimValue;
import org.cimkit.server.providers.MethodProvider;
import org.cimkit.server.providers.MethodResult;
import org.cimkit.server.providers.ProviderContext;
import org.cimkit.server.virtualization.MethodInputs.Rejected;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Msvm_VirtualSystemManagementService: the methods that define and change virtual machines
 * ({@link SystemDefinitions}) and ExportSystemDefinition ({@link ExportSystemDefinition}). Every
 * method answers in Hyper-V's vendor map; a bad input is the return value, never a CIM error.
 */
final class VirtualSystemManagementService implements MethodProvider {
    static final CimName CLASS = CimName.of("Msvm_VirtualSystemManagementService");
    private static final Logger LOG = LoggerFactory.getLogger(VirtualSystemManagementService.class);

    private final SystemDefinitions definitions;
    private final ExportSystemDefinition export;

    VirtualSystemManagementService(SystemDefinitions definitions, ExportSystemDefinition export) {
        this.definitions = definitions;
        this.export = export;
    }

    @Override
    public MethodResult invoke(ProviderContext ctx, CimObjectPath target, CimMethod method, Map<CimName, CimValue> in) {
        ReferencePointService.Call call = new ReferencePointService.Call(ctx.namespace(),
                target.withNamespace(ctx.namespace()), new MethodInputs(in, ctx.objects()));
        try {
            return switch (method.name().value().toLowerCase(Locale.ROOT)) {
                case "definesystem" -> definitions.define(call);
                case "destroysystem" -> definitions.destroy(call);
                case "addresourcesettings" -> definitions.addResources(call);
                case "modifyresourcesettings" -> definitions.modifyResources(call);
                case "removeresourcesettings" -> definitions.removeResources(call);
                case "modifysystemsettings" -> definitions.modifySystem(call);
                case "exportsystemdefinition" -> export.invoke(call);
                default -> throw new CimException(CimStatus.METHOD_NOT_AVAILABLE,
                        "method " + method.name() + " is not available");
            };
        } catch (Rejected r) {
            LOG.info("{}.{} refused with {}: {}", target.className(), method.name(), r.code, r.getMessage());
            return MethodResult.of(CimValue.IntegerValue.uint32(r.code));
        }
    }
}
