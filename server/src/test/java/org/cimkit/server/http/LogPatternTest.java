package org.cimkit.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;

/** The pattern of the shipped logback.xml: the request id only on lines logged during a request. */
class LogPatternTest {
    private static String shippedPattern() throws IOException {
        try (InputStream in = LogPatternTest.class.getResourceAsStream("/logback.xml")) {
            assertNotNull(in, "logback.xml on the class path");
            String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            // one line layout for every appender, defined once as the variable LINE
            Matcher m = Pattern.compile("<variable name=\"LINE\" value=\"(.*?)\"/>").matcher(xml);
            assertEquals(true, m.find(), xml);
            return m.group(1);
        }
    }

    private static String line(String pattern, Map<String, String> mdc) {
        LoggerContext ctx = new LoggerContext();
        PatternLayout layout = new PatternLayout();
        layout.setContext(ctx);
        layout.setPattern(pattern.replace("%d{HH:mm:ss.SSS} ", ""));
        layout.start();
        LoggingEvent e = new LoggingEvent("x", ctx.getLogger("org.cimkit.server.CimkitServer"), Level.INFO, "started", null,
                null);
        e.setThreadName("main");
        e.setMDCPropertyMap(mdc);
        return layout.doLayout(e);
    }

    @Test
    void noEmptyRequestPrefixOutsideRequests() throws IOException {
        assertEquals("INFO  [main] CimkitServer - started" + System.lineSeparator(), line(shippedPattern(), Map.of()));
    }

    @Test
    void requestIdWithinRequests() throws IOException {
        assertEquals("INFO  [main] [req=7] CimkitServer - started" + System.lineSeparator(),
                line(shippedPattern(), Map.of("req", "7")));
    }
}
