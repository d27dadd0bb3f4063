package org.cimkit.server.http;

import java.io.IOException;
import java.net.InetAddress;
import java.security.GeneralSecurityException;

import org.cimkit.server.security.SecurityConfig;
import org.cimkit.server.security.SelfSignedCertificate;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTPS listener: TLS 1.2 and 1.3 only, with a PKCS12 key store or a self-signed certificate. */
public final class TlsConnectors {
    private static final Logger LOG = LoggerFactory.getLogger(TlsConnectors.class);

    private TlsConnectors() {
    }

    public static ServerConnector create(Server server, HttpConfiguration plain, SecurityConfig.Tls tls,
            java.nio.file.Path dataDir, String bind) throws IOException, GeneralSecurityException {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setIncludeProtocols("TLSv1.2", "TLSv1.3");
        if (tls.selfSigned()) {
            String host = bind;
            if (host == null || InetAddress.getByName(host).isAnyLocalAddress()) {
                host = InetAddress.getLocalHost().getHostName();
            }
            SelfSignedCertificate.Store store = SelfSignedCertificate.loadOrCreate(dataDir, host);
            ssl.setKeyStore(store.keyStore());
            ssl.setKeyStorePassword(store.password());
            ssl.setKeyManagerPassword(store.password());
            LOG.info("HTTPS with a self-signed certificate{}", store.file() == null ? " (in memory only)" : " kept in the data dir");
        } else {
            ssl.setKeyStorePath(tls.keystore());
            ssl.setKeyStoreType("PKCS12");
            if (tls.keystorePassword() != null) {
                ssl.setKeyStorePassword(tls.keystorePassword());
            }
        }
        HttpConfiguration https = new HttpConfiguration(plain);
        https.setSecureScheme("https");
        SecureRequestCustomizer src = new SecureRequestCustomizer();
        // Clients reach us by IP address or by names the certificate may not list; the certificate is
        // the client's to check, not the server's.
        src.setSniHostCheck(false);
        https.addCustomizer(src);
        ServerConnector c = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                new HttpConnectionFactory(https));
        c.setHost(bind);
        c.setPort(tls.port());
        return c;
    }
}
