package org.cimkit.server.indications.delivery;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

import org.cimkit.model.CimException;
import org.cimkit.model.xml.CimXmlException;
import org.cimkit.model.xml.ExportHeaders;
import org.cimkit.model.xml.ExportRequestWriter;
import org.cimkit.model.xml.ExportResponseReader;
import org.cimkit.model.xml.XmlNames;
import org.cimkit.server.indications.IndicationConfig;

/**
 * Sends one export request (DSP0200 §1.2/§1.3 of the fact sheet) and tells what came of it (§1.5):
 * delivered; try again (no connection, TLS failure, reset, no answer in time, 5xx but 501, 408, 429, an
 * answer that is not an export response or answers another MESSAGE ID, ERROR CODE 1 "queue full"); or
 * give up on this indication (any other ERROR CODE, 400, 405, 406, 501 and the other 4xx, a host the
 * destination policy no longer allows: it is checked before each new connection).
 *
 * <p>The request goes over the worker's own {@link ExportConnection}; TLS uses the trust store of the
 * configuration (PKCS12) or the JVM's, with host name verification. Thread-safe; each destination's
 * worker calls it with its own connection.
 */
final class ExportSender {
    /** What to do with the indication after a try. */
    enum Kind {
        DELIVERED, RETRY, GIVE_UP
    }

    record Outcome(Kind kind, String reason) {
        static final Outcome DELIVERED = new Outcome(Kind.DELIVERED, "delivered");

        static Outcome retry(String why) {
            return new Outcome(Kind.RETRY, why);
        }

        static Outcome giveUp(String why) {
            return new Outcome(Kind.GIVE_UP, why);
        }
    }

    /** An export response is a few hundred bytes; a listener sending more is not one. */
    static final int MAX_RESPONSE_BYTES = 64 * 1024;

    /** The export headers but Host and Content-Length, which the connection writes (§1.2). */
    static final String HEADERS = "Content-Type: " + ExportHeaders.CONTENT_TYPE + "\r\n"
            + ExportHeaders.CIM_EXPORT + ": " + ExportHeaders.METHOD_REQUEST + "\r\n"
            + ExportHeaders.CIM_EXPORT_METHOD + ": " + XmlNames.EXPORT_INDICATION + "\r\n"
            + ExportHeaders.CIM_PROTOCOL_VERSION + ": " + XmlNames.PROTOCOL_VERSION + "\r\n";

    private final SSLSocketFactory tls;
    private final DestinationPolicy policy;
    private final DeliveryTimeouts timeouts;
    private final AtomicLong messageIds;
    private final ExportResponseReader reader = new ExportResponseReader();

    ExportSender(IndicationConfig config, DeliveryTimeouts timeouts, long firstMessageId) {
        this.policy = new DestinationPolicy(config.destinations());
        this.timeouts = timeouts;
        this.messageIds = new AtomicLong(firstMessageId);
        this.tls = sslContext(config.trustStore(), config.trustStorePassword()).getSocketFactory();
    }

    /** A connection for one worker; it connects when first used. */
    ExportConnection connection(URI url) {
        return new ExportConnection(url, tls, timeouts, MAX_RESPONSE_BYTES,
                () -> policy.requireAllowed(url.getHost(), url.toString()));
    }

    private static SSLContext sslContext(Path trustStore, String password) {
        try {
            if (trustStore == null) {
                return SSLContext.getDefault();
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(trustStore)) {
                ks.load(in, password == null ? null : password.toCharArray());
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the indication trust store " + trustStore + ": " + e.getMessage(), e);
        }
    }

    /** One try; returns when the listener answered, failed or ran out of time. */
    Outcome send(ExportConnection connection, byte[] indicationXml) {
        String id = Long.toString(messageIds.incrementAndGet());
        byte[] request;
        try {
            request = ExportRequestWriter.request(id, indicationXml);
        } catch (IOException e) {
            return Outcome.giveUp("the request cannot be written: " + e.getMessage());
        }
        ExportConnection.Reply reply;
        try {
            reply = connection.post(HEADERS, request);
        } catch (IOException e) {
            return Outcome.retry(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (CimException e) {
            // the destination policy, checked before each connection, no longer allows the host
            return Outcome.giveUp(e.getMessage());
        }
        return judge(id, reply.status(), reply.body());
    }

    private Outcome judge(String id, int status, byte[] body) {
        if (status != 200) {
            String what = "HTTP status " + status;
            if (status == 501 || (status >= 400 && status < 500 && status != 408 && status != 429)) {
                return Outcome.giveUp(what);
            }
            return Outcome.retry(what);
        }
        ExportResponseReader.Response r;
        try {
            r = reader.read(new ByteArrayInputStream(body));
        } catch (CimXmlException e) {
            return Outcome.retry("the answer is not an export response: " + e.getMessage());
        }
        if (!id.equals(r.messageId())) {
            return Outcome.retry("the answer is for MESSAGE ID " + r.messageId() + ", not " + id);
        }
        if (r.accepted()) {
            return Outcome.DELIVERED;
        }
        String what = "ERROR CODE " + r.errorCode() + (r.errorDescription() == null ? "" : " (" + r.errorDescription() + ")");
        // 1 is CIM_ERR_FAILED, which listeners answer when their queue is full: a passing condition
        return r.errorCode() == 1 ? Outcome.retry(what) : Outcome.giveUp(what);
    }
}
