package org.cimkit.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.message.Argument;
import org.cimkit.model.message.ParamValue;
import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

class AccessLogTest {
    private static final Instant T0 = Instant.parse("2026-12-05T07:31:04.123Z");

    @Test
    void lineHasEveryFieldInOrder() {
        AccessLog.Entry e = new AccessLog.Entry(T0, 0, "127.0.0.1");
        e.user = "alice";
        e.operation = "GetInstance";
        e.namespace = "root/cimv2";
        e.className = "CIM_Foo";
        e.error = "CIM_ERR_NOT_FOUND";
        assertEquals("2026-12-05T07:31:04.123Z 127.0.0.1 alice GetInstance root/cimv2 CIM_Foo 200 CIM_ERR_NOT_FOUND 734 B 12 ms",
                AccessLog.format(e, 200, 734, 12));
    }

    @Test
    void absentFieldsAreDashes() {
        AccessLog.Entry e = new AccessLog.Entry(T0, 0, null);
        e.operation = "POST";
        e.error = "header-mismatch";
        assertEquals("2026-12-05T07:31:04.123Z - - POST - - 400 header-mismatch - B 0 ms", AccessLog.format(e, 400, -1, 0));
    }

    @Test
    void requestTextCannotSplitOrForgeALine() {
        assertEquals("a%20b%0A2026%25x%C3%A9", AccessLog.field("a b\n2026%x\u00e9"));
        assertEquals("-", AccessLog.field(""));
        String longName = "x".repeat(1000);
        assertTrue(AccessLog.field(longName).length() < 210);
        assertTrue(AccessLog.field(longName).endsWith("..."));
        String escapedLong = AccessLog.field(" ".repeat(100));
        assertTrue(escapedLong.length() < 210 && escapedLong.endsWith("..."), escapedLong);
        assertEquals("%20".repeat(3), AccessLog.field("   "));
    }

    @Test
    void classNameFromTheIntrinsicParameters() {
        CimObjectPath path = CimObjectPath.forInstance(CimNamespace.of("root/cimv2"), CimName.of("CIM_Disk"),
                List.of(org.cimkit.model.CimKeyBinding.of("Id", "1")));
        assertEquals("CIM_Foo", AccessLog.className("GetClass", List.of(new ParamValue("LocalOnly", null,
                new Argument.Text("x", null)), new ParamValue("classname", null, new Argument.ClassName(CimName.of("CIM_Foo"))))));
        assertEquals("CIM_Disk", AccessLog.className("getinstance", List.of(new ParamValue("InstanceName", null,
                new Argument.Path(path)))));
        assertNull(AccessLog.className("ExecQuery", List.of(new ParamValue("Query", null, new Argument.Text("select", null)))));
        assertNull(AccessLog.className("EnumerateClassNames", List.of()));
        assertNull(AccessLog.className("NoSuchOperation", List.of(new ParamValue("ClassName", null,
                new Argument.ClassName(CimName.of("CIM_Foo"))))));
    }

    @Test
    void oneInfoLinePerRequestOnTheAccessLoggerWithMillisFromTheClock() {
        Logger logger = (Logger) org.slf4j.LoggerFactory.getLogger(AccessLog.LOGGER);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        logger.addAppender(events);
        Level before = logger.getLevel();
        logger.setLevel(Level.INFO);
        try {
            AtomicLong nanos = new AtomicLong(5_000_000);
            AccessLog on = new AccessLog(true, nanos::get, Clock.fixed(T0, ZoneOffset.UTC));
            AccessLog.Entry e = on.begin("10.0.0.1");
            e.operation = "EnumerateClassNames";
            nanos.addAndGet(42_000_000);
            on.end(e, 200, 10);
            assertEquals(1, events.list.size());
            assertEquals(Level.INFO, events.list.get(0).getLevel());
            assertEquals("2026-12-05T07:31:04.123Z 10.0.0.1 - EnumerateClassNames - - 200 - 10 B 42 ms",
                    events.list.get(0).getFormattedMessage());

            AccessLog off = new AccessLog(false, nanos::get, Clock.fixed(T0, ZoneOffset.UTC));
            off.end(off.begin("10.0.0.1"), 200, 10);
            assertEquals(1, events.list.size(), "switched off: no line");
        } finally {
            logger.detachAppender(events);
            logger.setLevel(before);
        }
    }
}
