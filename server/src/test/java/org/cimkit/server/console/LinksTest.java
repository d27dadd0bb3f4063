package org.cimkit.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.junit.jupiter.api.Test;

class LinksTest {
    private static final CimNamespace HERE = CimNamespace.of("root/here");
    private static final CimObjectPath LOCAL = CimObjectPath.forInstance(null, CimName.of("T_X"),
            List.of(CimKeyBinding.of("Id", "a<b")));

    @Test
    void aPathWithoutNamespaceIsInThePagesAndLosesItsHost() {
        assertEquals(LOCAL.withNamespace(HERE), Links.absolute(LOCAL, HERE));
        CimObjectPath remote = LOCAL.withNamespace(CimNamespace.of("root/there")).withHost("other.example");
        assertEquals(LOCAL.withNamespace(CimNamespace.of("root/there")), Links.absolute(remote, HERE));
    }

    @Test
    void theLinkNamesTheNamespaceOnlyWhenItIsAnotherOne() {
        assertEquals("<a class=\"instance-link\" href=\"" + Html.attr(ConsolePaths.instance(LOCAL.withNamespace(HERE)))
                + "\">T_X.Id=\"a&lt;b\"</a>", Links.instance(LOCAL, HERE));
        assertEquals("root/there:T_X.Id=\"a&lt;b\"", text(Links.instance(LOCAL.withNamespace(CimNamespace.of("root/there")), HERE)));
    }

    @Test
    void aMethodLinkLeadsToItsFormEscaped() {
        CimObjectPath target = LOCAL.withNamespace(HERE);
        assertEquals("<a class=\"method-link\" data-method=\"Go\" href=\"" + Html.attr(ConsolePaths.method(target, CimName.of("Go")))
                + "\">Go</a>", Links.method(target, CimName.of("Go")));
        assertEquals("<a id=\"job-link\" class=\"instance-link\" href=\"" + Html.attr(ConsolePaths.instance(target))
                + "\">T_X.Id=\"a&lt;b\"</a>", Links.instance(LOCAL, HERE, "job-link"));
    }

    private static String text(String link) {
        return link.substring(link.indexOf('>') + 1, link.lastIndexOf("</a>"));
    }
}
