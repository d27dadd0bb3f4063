package org.cimkit.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cimkit.model.CimName;
import org.cimkit.model.CimObjectPath;
import org.junit.jupiter.api.Test;

/** The method form's fields, typed from the declaration, as the browser receives them. */
class MethodFormTest {
    private static final String CHOICE = "root/test:CIM_Collection.InstanceID=\"<c1>\"";

    private static String form(Map<CimName, List<CimObjectPath>> choices) throws IOException {
        StringWriter w = new StringWriter();
        MethodForm.write(new HtmlOut(w, "tok&en", null), MethodFormsFixture.SIGNATURE, choices, "/console/method?a=1&b=2");
        return w.toString();
    }

    @Test
    void theFormPostsToItsOwnAddressWithTheCsrfToken() throws IOException {
        String html = form(Map.of());
        assertTrue(html.startsWith("<form id=\"method-form\" method=\"post\" action=\"/console/method?a=1&amp;b=2\">"), html);
        assertTrue(html.contains("<input type=\"hidden\" name=\"csrf\" value=\"tok&amp;en\">"), html);
    }

    @Test
    void eachInParameterHasAFieldOfItsType() throws IOException {
        String html = form(Map.of());
        assertEquals("select", tag(html, "in.Flag"));
        assertTrue(html.contains("<option value=\"TRUE\">TRUE</option><option value=\"FALSE\">FALSE</option>"), html);
        assertTrue(element(html, "in.Count").contains("type=\"number\""));
        assertTrue(element(html, "in.Count").contains("min=\"0\" max=\"65535\""), element(html, "in.Count"));
        assertTrue(element(html, "in.Ratio").contains("type=\"number\""), "a real is a number: " + element(html, "in.Ratio"));
        assertTrue(element(html, "in.Ratio").contains("step=\"any\""), "of any step: " + element(html, "in.Ratio"));
        assertEquals("textarea", tag(html, "in.Names"));
        assertEquals("textarea", tag(html, "in.Numbers"));
        assertTrue(element(html, "in.Target").contains("type=\"text\""), "a reference without choices is a path field");
        assertTrue(element(html, "in.When").contains("type=\"text\""));
        assertFalse(html.contains("name=\"in.Job\""), "an out-only parameter has no field");
    }

    @Test
    void aValueMapOfSingleValuesIsASelectOfItsNamedValuesWithNull() throws IOException {
        String html = form(Map.of());
        assertEquals("select", tag(html, "in.Settings.0.Level"));
        String at = "name=\"in.Settings.0.Level\"";
        String select = html.substring(html.indexOf(at), html.indexOf("</select>", html.indexOf(at)));
        assertTrue(select.contains("<option value=\"\">NULL</option><option value=\"0\">0 (Unknown)</option>"
                + "<option value=\"1\">1 (Low)</option><option value=\"2\">2 (High)</option>"), select);
    }

    @Test
    void aValueMapWithRangesIsANumberFieldOfferingItsNamedValues() throws IOException {
        String html = form(Map.of());
        String input = element(html, "in.Mode");
        assertEquals("input", tag(html, "in.Mode"), "a vendor value such as 32768 must be possible: " + input);
        assertTrue(input.contains("type=\"number\"") && input.contains("min=\"0\" max=\"65535\""), input);
        assertTrue(input.contains("list=\"v-in.Mode\""), input);
        int list = html.indexOf("<datalist id=\"v-in.Mode\">");
        assertTrue(list > 0, html);
        assertEquals("<datalist id=\"v-in.Mode\"><option value=\"2\" label=\"2 (Fast)\"></option>"
                + "<option value=\"3\" label=\"3 (Slow)\"></option></datalist>", html.substring(list, html.indexOf("</datalist>", list) + 11));
        assertTrue(html.contains("<span class=\"muted values\">values: 2 = Fast, 3 = Slow, .. = DMTF Reserved, 32768..65535 = Vendor</span>"),
                html);
        assertEquals(List.of(32768L), FormValues.parse(MethodFormsFixture.SIGNATURE, Map.of("in.Mode", List.of("32768"))).stream()
                .map(p -> ((org.cimkit.model.CimValue.IntegerValue) ((org.cimkit.model.message.Argument.Typed) p.value()).value()).longValue())
                .toList());
    }

    @Test
    void aReferenceWithFewInstancesIsASelectOfThemEscaped() throws IOException {
        String html = form(Map.of(CimName.of("Target"), List.of(CimObjectPath.parse(CHOICE))));
        assertEquals("select", tag(html, "in.Target"));
        assertTrue(html.contains("<option value=\"root/test:CIM_Collection.InstanceID=&#34;&lt;c1>&#34;\">"), html);
        assertFalse(html.contains("<c1>"), html);
    }

    @Test
    void anEmbeddedInstanceIsASubFormOfItsClassProperties() throws IOException {
        String html = form(Map.of());
        assertTrue(html.contains("<legend>Settings: embedded Test_Settings</legend>"), html);
        assertEquals("input", tag(html, "in.Settings.0.InstanceID"));
        String id = html.substring(html.indexOf("name=\"in.Settings.0.InstanceID\""));
        assertTrue(id.substring(0, id.indexOf("</div>")).contains("<span class=\"key\">key</span>"), id);
        assertEquals("select", tag(html, "in.Settings.0.Level"));
        assertEquals("textarea", tag(html, "in.Settings.0.Paths"));
        assertTrue(element(html, "in.Settings.0.Depth").contains("value=\"3\""), "the class default is filled in");
        assertFalse(html.contains("in.Settings.0.Nested"), "a nested embedded object has no field");
        assertTrue(html.contains("<legend>Many[0]: embedded Test_Settings</legend>"), html);
        assertTrue(html.contains("<button type=\"button\" class=\"add-element\">"), "an array can take more elements");
    }

    @Test
    void whatTheFormWritesIsWhatFormValuesReads() throws IOException {
        String html = form(Map.of());
        Matcher m = Pattern.compile("name=\"(in\\.[^\"]+)\"").matcher(html);
        int fields = 0;
        while (m.find()) {
            fields++;
            String name = m.group(1);
            // a bad value in any field must be reported under that field's name
            if (!name.endsWith("Name") && !name.endsWith("InstanceID") && !name.endsWith("Names") && !name.endsWith("Paths")) {
                try {
                    FormValues.parse(MethodFormsFixture.SIGNATURE, Map.of(name, List.of("\u0001bad")));
                    throw new AssertionError(name + " took a bad value");
                } catch (org.cimkit.model.CimException e) {
                    String param = name.substring(3).split("\\.")[0];
                    assertTrue(e.getMessage().startsWith(param), name + ": " + e.getMessage());
                }
            }
        }
        assertEquals(17, fields, html);
    }

    private static String element(String html, String name) {
        int at = html.indexOf("name=\"" + name + "\"");
        assertTrue(at >= 0, name + " has no field in " + html);
        int start = html.lastIndexOf('<', at);
        return html.substring(start, html.indexOf('>', at) + 1);
    }

    private static String tag(String html, String name) {
        String e = element(html, name);
        return e.substring(1, e.indexOf(' '));
    }
}
