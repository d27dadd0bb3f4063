package org.cimkit.server.virtualization;

import java.util.Map;

import org.cimkit.model.CimMethod;
import org.cimkit.model.CimName;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimValue;
import org.cimkit.server.providers.MethodProvider;
import org.cimkit.server.providers.MethodResult;
import org.cimkit.server.providers.ProviderContext;

/**
 * Msvm_VirtualSystemManagementService: the methods that define and change virtual machines
 * ({@link SystemDefinitions}) and ExportSystemDefinition ({@link ExportSystemDefinition}). Every
 * method answers in Hyper-V's vendor map; a bad input is the return value, never a CIM error.
 */
final class VirtualSystemManagementService implements MethodProvider {
    static final CimName CLASS = CimName.of("Msvm_VirtualSystemManagementService");

    private final SystemDefinitions definitions;
    private final ExportSystemDefinition export;

    VirtualSystemManagementService(SystemDefinitions definitions, ExportSystemDefinition export) {
        this.definitions = definitions;
        this.export = export;
    }

    @Override
    public MethodResult invoke(ProviderContext ctx, CimObjectPath target, CimMethod method, Map<CimName, CimValue> in) {
        return ReferencePointService.answer(ctx, target, method, in, (name, call) -> switch (name) {
            case "definesystem" -> definitions.define(call);
            case "destroysystem" -> definitions.destroy(call);
            case "addresourcesettings" -> definitions.addResources(call);
            case "modifyresourcesettings" -> definitions.modifyResources(call);
            case "removeresourcesettings" -> definitions.removeResources(call);
            case "modifysystemsettings" -> definitions.modifySystem(call);
            case "exportsystemdefinition" -> export.invoke(call);
            default -> null;
        });
    }
}
