package org.cimkit.server.dispatch;

import java.util.Locale;

import org.cimkit.model.CimException;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimStatus;
import org.cimkit.server.security.AccessControl;
import org.cimkit.server.security.AccessControl.Right;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The ACL decisions of one server. Without an ACL every user has every right. */
final class Authorization {
    private static final Logger LOG = LoggerFactory.getLogger(Authorization.class);
    static final Authorization ALLOW_ALL = new Authorization(null);

    private final AccessControl acl;

    Authorization(AccessControl acl) {
        this.acl = acl;
    }

    /** Whether any request can be refused (false: no checks, no filtering). */
    boolean enforced() {
        return acl != null;
    }

    boolean allows(RequestContext rc, CimNamespace ns, Right right) {
        return acl == null || acl.allows(rc.user(), ns, right);
    }

    /** CIM_ERR_ACCESS_DENIED unless the user of the request has the right in the namespace. */
    void require(RequestContext rc, CimNamespace ns, Right right, String what) {
        if (!allows(rc, ns, right)) {
            String r = right.name().toLowerCase(Locale.ROOT);
            LOG.info("access denied: {} in {} needs the {} right, which {} does not have", what, ns, r,
                    rc.user() == null ? "an anonymous client" : rc.user());
            throw new CimException(CimStatus.ACCESS_DENIED, "no " + r + " right in namespace " + ns);
        }
    }
}
