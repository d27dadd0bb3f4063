package org.cimkit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.cimkit.server.http.AccessLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/** One access-log line per request, with what the client saw; none with the log switched off. */
class AccessLogTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger(AccessLog.LOGGER);
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private Level before;

    @BeforeEach
    void capture() {
        events.start();
        logger.addAppender(events);
        before = logger.getLevel();
        logger.setLevel(Level.INFO); // src-test's logback-test.xml keeps it at WARN
    }

    @AfterEach
    void release() {
        logger.detachAppender(events);
        logger.setLevel(before);
    }

    private List<String> lines() {
        synchronized (events.list) {
            return events.list.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.toList());
        }
    }

    @Test
    void oneLinePerRequestWithStatusBytesAndCimError() throws Exception {
        try (RunningServer s = ServerSpec.inProcess().start()) {
            CimClient c = s.client();
            CimClient.Exchange ok = c.call(E2e.VIRT, "EnumerateClassNames");
            assertEquals(200, ok.status());
            CimClient.Exchange notFound = c.call(E2e.VIRT, "GetClass", CimClient.P.className("ClassName", "No_Such"));
            byte[] ecn = ("<?xml version=\"1.0\" encoding=\"utf-8\"?><CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\">"
                    + "<MESSAGE ID=\"1\" PROTOCOLVERSION=\"1.0\"><SIMPLEREQ><IMETHODCALL NAME=\"EnumerateClassNames\">"
                    + "<LOCALNAMESPACEPATH><NAMESPACE NAME=\"root\"/><NAMESPACE NAME=\"virtualization\"/>"
                    + "<NAMESPACE NAME=\"v2\"/></LOCALNAMESPACEPATH></IMETHODCALL></SIMPLEREQ></MESSAGE></CIM>")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            CimClient.Exchange mismatch = c.post("EnumerateClassNames", "root%2Finterop", ecn, Map.of());
            assertEquals(400, mismatch.status());
            List<String> lines = lines();
            Supplier<String> all = () -> String.join("\n", lines);
            assertEquals(3, lines.size(), all);
            assertTrue(lines.get(0).matches("\\S+Z 127\\.0\\.0\\.1 - EnumerateClassNames root/virtualization/v2 - 200 - "
                    + ok.body().length + " B \\d+ ms"), all);
            assertTrue(lines.get(1).contains(" GetClass root/virtualization/v2 No_Such 200 CIM_ERR_NOT_FOUND "), all);
            assertTrue(lines.get(2).contains(" - EnumerateClassNames root/virtualization/v2 - 400 header-mismatch 0 B "), all);
        }
    }

    /** The shipped configuration writes the log from a queue: a line still reaches stderr when the process stops right after. */
    @Test
    void theJarWritesEveryLineBeforeItEnds() throws Exception {
        try (RunningServer server = ServerSpec.jar().start()) {
            ServerProcess p = server.process();
            for (int i = 0; i < 200; i++) {
                assertEquals(200, server.client().call(E2e.VIRT, "EnumerateClassNames").status());
            }
            // SIGTERM through the handle: Process.destroy() would also close our ends of the pipes
            p.process().toHandle().destroy();
            p.waitFor(10);
            long lines = p.stderr().lines().filter(l -> l.contains(" EnumerateClassNames root/virtualization/v2 - 200 ")).count();
            assertEquals(200, lines, p.stderr());
        }
    }

    @Test
    void switchedOffNoLines() throws Exception {
        try (RunningServer s = ServerSpec.inProcess().withConfig(c -> c.withAccessLog(false)).start()) {
            assertEquals(200, s.client().call(E2e.VIRT, "EnumerateClassNames").status());
            assertEquals(List.of(), lines());
        }
    }

    @Test
    void consolePagesNameTheirNamespaceClassAndMethod() throws Exception {
        try (RunningServer s = ServerSpec.inProcess().start()) {
            org.cimkit.model.CimObjectPath host = org.cimkit.model.CimObjectPath.parse(E2e.VIRT
                    + ":Msvm_ComputerSystem.CreationClassName=\"Msvm_ComputerSystem\",Name=\"CIMKIT-DEMO-HOST\"");
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            for (String page : List.of(org.cimkit.server.console.ConsolePaths.instance(host),
                    org.cimkit.server.console.ConsolePaths.method(host, org.cimkit.model.CimName.of("RequestStateChange")))) {
                java.net.http.HttpResponse<String> r = http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(s.baseUrl() + page)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode(), r.body());
            }
            // a line is written once the answer is out: wait for both
            Await.until("two console lines", java.time.Duration.ofSeconds(10), () -> lines().size() >= 2);
            Supplier<String> all = () -> String.join("\n", lines());
            assertTrue(lines().stream().anyMatch(l -> l.contains(" GET:console/instance " + E2e.VIRT + " Msvm_ComputerSystem 200 ")),
                    all);
            assertTrue(lines().stream().anyMatch(l -> l.contains(" GET:console/method.RequestStateChange " + E2e.VIRT
                    + " Msvm_ComputerSystem 200 ")), all);
        }
    }
}
