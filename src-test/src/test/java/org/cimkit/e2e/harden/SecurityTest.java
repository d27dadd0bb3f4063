package org.cimkit.e2e.harden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.cimkit.e2e.CimClient;
import org.cimkit.e2e.RunningServer;
import org.cimkit.e2e.ServerSpec;
import org.cimkit.model.CimStatus;
import org.cimkit.server.ServerConfig;
import org.cimkit.server.security.SecurityConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Authentication, authorization and HTTPS, end to end. */
class SecurityTest {
    @TempDir
    Path tmp;

    /** Authentication on, with the users alice (wonder) and bob (builder). */
    private static ServerSpec withUsers() {
        return Harden.server().withUser("alice", "wonder").withUser("bob", "builder");
    }

    @Test
    void basicAuthOnLoopbackAndFailureLimit() throws Exception {
        try (RunningServer s = withUsers().withConfig(c -> c.withSecurity(SecurityConfig.DEFAULT
                .withMaxAuthFailuresPerMinute(3))).start()) {
            Harden.ok(Harden.intrinsic(s.client().withBasicAuth("alice", "wonder"), "GetClass", Xml.getClass("Harden_Item")));
            CimClient.Exchange none = Harden.intrinsic(s.client(), "GetClass", Xml.getClass("Harden_Item"));
            assertEquals(401, none.status());
            assertNotNull(none.header("WWW-Authenticate"));
            for (int i = 0; i < 3; i++) {
                assertEquals(401, Harden.intrinsic(s.client().withBasicAuth("alice", "guess" + i), "GetClass",
                        Xml.getClass("Harden_Item")).status());
            }
            CimClient.Exchange limited = Harden.intrinsic(s.client().withBasicAuth("alice", "wonder"), "GetClass",
                    Xml.getClass("Harden_Item"));
            assertEquals(429, limited.status());
            long retry = Long.parseLong(limited.header("Retry-After"));
            assertTrue(retry > 0 && retry <= 60, "Retry-After " + retry);
        }
    }

    @Test
    void statusPageOfAnAuthenticatingServerNamesNoNamespaces() throws Exception {
        try (RunningServer s = withUsers().start()) {
            // GET / leads browsers to the console; every other path is the status page
            CimClient.Exchange anonymous = new CimClient(s.baseUrl() + "/cimom").raw("GET", java.util.Map.of(), null);
            assertEquals(200, anonymous.status(), "health checks need no credentials");
            assertTrue(anonymous.bodyText().contains("requires authentication"), anonymous.bodyText());
            assertFalse(anonymous.bodyText().contains("root/virtualization/v2"), anonymous.bodyText());
            assertFalse(anonymous.bodyText().contains(org.cimkit.server.CimkitServer.VERSION), anonymous.bodyText());
        }
    }

    @Test
    void plainHttpBasicFromAnotherHostIsRefused() throws Exception {
        InetAddress external = externalAddress();
        assumeTrue(external != null, "no non-loopback IPv4 address on this machine");
        ServerSpec everyAddress = withUsers().withConfig(base -> new ServerConfig("0.0.0.0", 0, null, base.extraMof(),
                true, base.usersFile(), null, base.limits(), 100,
                SecurityConfig.DEFAULT.withTls(new SecurityConfig.Tls(0, null, null, true))));
        try (RunningServer s = everyAddress.start()) {
            CimClient remote = new CimClient("http://" + external.getHostAddress() + ":" + s.port() + "/cimom")
                    .withBasicAuth("alice", "wonder");
            CimClient.Exchange e = Harden.intrinsic(remote, "GetClass", Xml.getClass("Harden_Item"));
            assertEquals(403, e.status());
            assertTrue(java.net.URLDecoder.decode(e.header("PGErrorDetail"), "UTF-8").contains("HTTPS"));
            // loopback plain HTTP is fine
            Harden.ok(Harden.intrinsic(s.client().withBasicAuth("alice", "wonder"), "GetClass", Xml.getClass("Harden_Item")));
            // and HTTPS from the other address is fine
            HttpResponse<byte[]> r = httpsClient(s.server().httpsPort(), external.getHostAddress(), null);
            assertEquals(200, r.statusCode());
        }
    }

    @Test
    void aclGrantsPerNamespaceRights() throws Exception {
        try (RunningServer s = withUsers().withAcl("""
                # alice may read the virtualization namespace, bob may do everything anywhere
                alice root/virtualization/v2 r
                alice root/* -
                bob * rwx
                """).start()) {
            CimClient alice = s.client().withBasicAuth("alice", "wonder");
            CimClient bob = s.client().withBasicAuth("bob", "builder");
            Harden.ok(Harden.intrinsic(alice, "EnumerateInstanceNames", Xml.enumerateInstanceNames("Harden_Item")));
            Harden.cimError(Harden.intrinsic(alice, "CreateInstance", Xml.createInstance("a1", "x", 1)), CimStatus.ACCESS_DENIED);
            Harden.cimError(Harden.post(alice, "Ping", Xml.CLASS_OBJECT, Xml.invokePing("hi")), CimStatus.ACCESS_DENIED);
            // a namespace alice has no rights in: denied before anything tells whether it exists
            String other = Xml.enumerateInstanceNames("CIM_Namespace").replace(Xml.NS_PATH,
                    "<LOCALNAMESPACEPATH><NAMESPACE NAME=\"root\"/><NAMESPACE NAME=\"nosuch\"/></LOCALNAMESPACEPATH>");
            Harden.cimError(Harden.post(alice, "EnumerateInstanceNames", "root%2Fnosuch", other), CimStatus.ACCESS_DENIED);
            Harden.cimError(Harden.post(bob, "EnumerateInstanceNames", "root%2Fnosuch", other), CimStatus.INVALID_NAMESPACE);
            Harden.ok(Harden.intrinsic(bob, "CreateInstance", Xml.createInstance("b1", "x", 1)));
            Harden.ok(Harden.intrinsic(alice, "GetInstance", Xml.getInstance("b1")));
        }
    }

    @Test
    void httpsWithSelfSignedCertificateKeptAcrossRestarts() throws Exception {
        Path data = tmp.resolve("data");
        ServerSpec spec = Harden.server().withDataDir(data).withConfig(c -> c
                .withSecurity(SecurityConfig.DEFAULT.withTls(new SecurityConfig.Tls(0, null, null, true))));
        X509Certificate first;
        try (RunningServer s = spec.start()) {
            assertTrue(s.server().listeningLines().stream().anyMatch(l -> l.matches(
                    "Cimkit listening on https://127\\.0\\.0\\.1:\\d+/cimom")), s.server().listeningLines().toString());
            Path p12 = data.resolve("tls/self-signed.p12");
            assertTrue(Files.isRegularFile(p12));
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p12)));
            first = (X509Certificate) loadStore(data).getCertificate("cimkit");
            HttpResponse<byte[]> r = httpsClient(s.server().httpsPort(), "127.0.0.1", data);
            assertEquals(200, r.statusCode());
            SSLContext ctx = trusting(data);
            try (SSLSocket sock = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", s.server().httpsPort())) {
                sock.startHandshake();
                String proto = sock.getSession().getProtocol();
                assertTrue(proto.equals("TLSv1.2") || proto.equals("TLSv1.3"), proto);
            }
            try (SSLSocket sock = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", s.server().httpsPort())) {
                sock.setEnabledProtocols(new String[] {"TLSv1.2"});
                sock.startHandshake();
                assertEquals("TLSv1.2", sock.getSession().getProtocol());
            }
        }
        try (RunningServer s = spec.start()) {
            X509Certificate again = (X509Certificate) loadStore(data).getCertificate("cimkit");
            assertEquals(first, again, "the certificate is reused");
            assertEquals(200, httpsClient(s.server().httpsPort(), "127.0.0.1", data).statusCode());
        }
    }

    @Test
    void keptAliveTlsConnectionOutlivesTheHeaderTimeout() throws Exception {
        Path data = tmp.resolve("data-ka");
        ServerSpec spec = Harden.server().withDataDir(data).withConfig(c -> c.withSecurity(SecurityConfig.DEFAULT
                .withTls(new SecurityConfig.Tls(0, null, null, true))
                .withTimeouts(java.time.Duration.ofSeconds(30), java.time.Duration.ofSeconds(30), java.time.Duration.ofMillis(500))));
        try (RunningServer s = spec.start();
                SSLSocket sock = (SSLSocket) trusting(data).getSocketFactory().createSocket("127.0.0.1", s.server().httpsPort())) {
            sock.setSoTimeout(5000);
            byte[] req = RawHttp.request("GetClass", Xml.OBJECT, Xml.utf8(Xml.getClass("Harden_Item")), null);
            java.io.InputStream in = new java.io.BufferedInputStream(sock.getInputStream());
            for (int i = 0; i < 2; i++) {
                sock.getOutputStream().write(req);
                sock.getOutputStream().flush();
                String status = new String(in.readNBytes(12), java.nio.charset.StandardCharsets.US_ASCII);
                assertEquals("HTTP/1.1 200", status, "request " + i);
                // skip the rest of the response: headers, then Content-Length or chunked body
                skipResponse(in);
                Thread.sleep(1200); // longer than the header timeout: only the keep-alive allowance applies
            }
        }
    }

    private static void skipResponse(java.io.InputStream in) throws java.io.IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.read());
        }
        String h = head.toString().toLowerCase(java.util.Locale.ROOT);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("content-length: *(\\d+)").matcher(h);
        if (m.find()) {
            in.readNBytes(Integer.parseInt(m.group(1)));
            return;
        }
        while (true) { // chunked
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                line.append((char) c);
            }
            int n = Integer.parseInt(line.toString().strip().split(";")[0], 16);
            if (n == 0) {
                in.readNBytes(2);
                return;
            }
            in.readNBytes(n + 2);
        }
    }

    @Test
    void tlsOneDotOneIsRefused() throws Exception {
        Path data = tmp.resolve("data11");
        ServerSpec spec = Harden.server().withDataDir(data).withConfig(c -> c
                .withSecurity(SecurityConfig.DEFAULT.withTls(new SecurityConfig.Tls(0, null, null, true))));
        try (RunningServer s = spec.start()) {
            SSLContext ctx = trusting(data);
            boolean supported = java.util.Arrays.asList(ctx.getSupportedSSLParameters().getProtocols()).contains("TLSv1.1");
            assumeTrue(supported, "this JDK cannot even offer TLS 1.1");
            try (SSLSocket sock = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", s.server().httpsPort())) {
                sock.setEnabledProtocols(new String[] {"TLSv1.1"});
                boolean refused;
                try {
                    sock.startHandshake();
                    refused = false;
                } catch (java.io.IOException e) {
                    refused = true;
                }
                assertTrue(refused, "a TLS 1.1 handshake must fail");
            }
        }
    }

    private static KeyStore loadStore(Path data) throws Exception {
        String pw = Files.readString(data.resolve("tls/self-signed.p12.password")).strip();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(data.resolve("tls/self-signed.p12"))) {
            ks.load(in, pw.toCharArray());
        }
        return ks;
    }

    /** Trusts the self-signed certificate in the data dir, or anything (null). */
    private static SSLContext trusting(Path data) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        if (data == null) {
            javax.net.ssl.TrustManager all = new javax.net.ssl.X509ExtendedTrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] c, String a) {
                }

                @Override
                public void checkClientTrusted(X509Certificate[] c, String a, java.net.Socket s) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] c, String a, java.net.Socket s) {
                }

                @Override
                public void checkClientTrusted(X509Certificate[] c, String a, javax.net.ssl.SSLEngine e) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] c, String a, javax.net.ssl.SSLEngine e) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] c, String a) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            };
            ctx.init(null, new javax.net.ssl.TrustManager[] {all}, null);
            return ctx;
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("cimkit", loadStore(data).getCertificate("cimkit"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    private static HttpResponse<byte[]> httpsClient(int port, String host, Path data) throws Exception {
        System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true");
        HttpClient c = HttpClient.newBuilder().sslContext(trusting(data)).build();
        HttpRequest req = HttpRequest.newBuilder(URI.create("https://" + host + ":" + port + "/cimom"))
                .header("Content-Type", "application/xml; charset=utf-8").header("CIMOperation", "MethodCall")
                .header("CIMMethod", "GetClass").header("CIMObject", Xml.OBJECT)
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("alice:wonder".getBytes()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(Xml.utf8(Xml.getClass("Harden_Item")))).build();
        return c.send(req, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static InetAddress externalAddress() throws Exception {
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!ni.isUp() || ni.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                    return a;
                }
            }
        }
        return null;
    }

    @Test
    void aclFileErrorsNameTheLine() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> org.cimkit.server.security.AccessControl.parse("alice root/cimv2 rq\n", "acl"));
        assertTrue(e.getMessage().startsWith("acl:1:"), e.getMessage());
        assertFalse(org.cimkit.server.security.AccessControl.parse("", "acl").allows("x",
                org.cimkit.model.CimNamespace.of("root"), org.cimkit.server.security.AccessControl.Right.READ));
        Map.of();
    }
}
