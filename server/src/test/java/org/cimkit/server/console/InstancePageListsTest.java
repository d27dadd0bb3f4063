package org.cimkit.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimValue;
import org.junit.jupiter.api.Test;

/** The instance page's lists of associators and references stay bounded however many the instance has. */
class InstancePageListsTest {
    private static final CimNamespace NS = CimNamespace.of("root/test");
    private static final CimObjectPath SELF = CimObjectPath.forInstance(NS, CimName.of("T_Host"),
            List.of(CimKeyBinding.of("Id", "h")));

    private static CimObjectPath disk(int n) {
        return CimObjectPath.forInstance(NS, CimName.of("T_Disk"), List.of(CimKeyBinding.of("Id", String.format("d%03d", n))));
    }

    private static CimObjectPath association(int n) {
        return CimObjectPath.forInstance(NS, CimName.of("T_HostedDisk"), List.of(
                CimKeyBinding.of("Antecedent", new CimValue.ReferenceValue(SELF)),
                CimKeyBinding.of("Dependent", new CimValue.ReferenceValue(disk(n)))));
    }

    private static int items(String html, String listId) {
        int from = html.indexOf("<ul id=\"" + listId + "\"");
        String list = html.substring(from, html.indexOf("</ul>", from));
        return list.split("<li>", -1).length - 1;
    }

    @Test
    void moreThanTheLimitAreCutWithANoteGivingTheTotal() throws IOException {
        int total = InstancePage.MAX_LINKS + 5;
        List<CimObjectPath> disks = new ArrayList<>();
        List<CimObjectPath> refs = new ArrayList<>();
        for (int n = 0; n < total; n++) {
            disks.add(disk(n));
            refs.add(association(n));
        }
        StringWriter w = new StringWriter();
        HtmlOut out = new HtmlOut(w, "", null);
        InstancePage.associators(SELF, disks, refs, out);
        InstancePage.references(refs, out);
        String html = w.toString();
        assertEquals(InstancePage.MAX_LINKS, items(html, "associators"));
        assertEquals(InstancePage.MAX_LINKS, items(html, "references"));
        assertTrue(html.contains("<p class=\"muted more\" id=\"associators-more\">The first 200 of 205 associated instances are shown.</p>"), html);
        assertTrue(html.contains("<p class=\"muted more\" id=\"references-more\">The first 200 of 205 associations are shown.</p>"), html);
        assertFalse(html.contains("d200"), "the ones past the limit are not listed");
    }

    @Test
    void aShortListHasNoNote() throws IOException {
        StringWriter w = new StringWriter();
        HtmlOut out = new HtmlOut(w, "", null);
        InstancePage.associators(SELF, List.of(disk(1)), List.of(association(1)), out);
        InstancePage.references(List.of(association(1)), out);
        assertEquals(1, items(w.toString(), "associators"));
        assertFalse(w.toString().contains("class=\"muted more\""), w.toString());
    }
}
