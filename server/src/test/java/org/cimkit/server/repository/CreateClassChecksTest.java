package org.cimkit.server.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumSet;
import java.util.List;
import org.cimkit.model.CimClass;
import org.cimkit.model.CimException;
import org.cimkit.model.CimMethod;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimParameter;
import org.cimkit.model.CimQualifier;
import org.cimkit.model.CimQualifierType;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.model.QualifierFlavors;
import org.cimkit.model.Scope;
import org.junit.jupiter.api.Test;

/**
 * CreateClass applies the ClassChecks rules the MOF compiler applies, and tells the client in its
 * CIM_ERR_INVALID_PARAMETER description which element broke which rule.
 */
class CreateClassChecksTest {
    private static final CimNamespace NS = CimNamespace.of("root/checks");
    private static final CimQualifier KEY = new CimQualifier(CimName.of("Key"), CimValue.BooleanValue.TRUE,
            QualifierFlavors.DEFAULT, false);

    private static Repository repository(boolean declareKey) {
        Repository repo = new Repository(new InstanceShaper(new ValueConverter(text -> {
            throw new IllegalStateException("no embedded text in this test");
        })));
        repo.createNamespace(NS);
        if (declareKey) {
            repo.setQualifierType(NS, new CimQualifierType(CimName.of("Key"), CimType.BOOLEAN, false, null,
                    CimValue.BooleanValue.FALSE, EnumSet.of(Scope.PROPERTY, Scope.REFERENCE), QualifierFlavors.DEFAULT));
        }
        return repo;
    }

    private static CimMethod method(List<CimQualifier> qualifiers, CimParameter... params) {
        return new CimMethod(CimName.of("M"), CimType.UINT32, List.of(params), qualifiers, null, false);
    }

    @Test
    void aQualifierOutOfItsScopeIsRefusedNamingTheElement() {
        Repository repo = repository(true);
        CimException e = assertThrows(CimException.class, () -> repo.createClass(NS,
                CimClass.builder("T_X").method(method(List.of(KEY))).build()));
        assertEquals(CimStatus.INVALID_PARAMETER, e.status());
        assertEquals("namespace root/checks, class T_X, method M: qualifier 'Key' cannot be used on a method"
                + " (scope: property, reference)", e.getMessage());
    }

    @Test
    void aNamespaceWithoutDeclarationsAcceptsAnyQualifier() {
        assertNotNull(repository(false).createClass(NS, CimClass.builder("T_X").method(method(List.of(KEY))).build()));
    }

    @Test
    void aParameterReferenceToAMissingClassIsRefused() {
        Repository repo = repository(false);
        CimParameter target = new CimParameter(CimName.of("Target"), CimType.REFERENCE, false, null,
                CimName.of("T_None"), List.of());
        CimException e = assertThrows(CimException.class, () -> repo.createClass(NS,
                CimClass.builder("T_X").method(method(List.of(), target)).build()));
        assertEquals(CimStatus.INVALID_PARAMETER, e.status());
        assertEquals("namespace root/checks, class T_X, parameter M.Target: unknown class 'T_None'", e.getMessage());
    }
}
