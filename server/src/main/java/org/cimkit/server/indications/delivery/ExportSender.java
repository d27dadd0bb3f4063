package org.cimkit.server.indications.delivery;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.cimkit.model.CimException;
import org.cimkit.model.xml.CimXmlException;
import org.cimkit.model.xml.ExportRequestWriter;
import org.cimkit.model.xml.ExportResponseReader;
import org.cimkit.model.xml.XmlNames;
import org.cimkit.server.indications.IndicationConfig;

/**
 * Sends one export request (DSP0200 §1.2/§1.3 of the fact sheet) and tells what came of it (§1.5):
 * delivered; try again (no connection, TLS failure, reset, no answer in time, 5xx but 501, 408, 429, an
 * answer that is not an export response or answers another MESSAGE ID, ERROR CODE 1 "queue full"); or
 * give up on this indication (any other ERROR CODE, 400, 405, 406, 501 and the other 4xx, a host the
 * destination policy no longer allows).
 *
 * <p>Built on the JDK's HTTP client (HTTP/1.1 only, so no h2c upgrade headers): it keeps connections
 * open where the listener allows it and opens a new one where the listener closes after each answer
 * (pywbem, SBLIM); it sends Content-Length and never {@code Expect: 100-continue} or chunked bodies;
 * TLS uses the trust store of the configuration (PKCS12) or the JVM's, with host name verification.
 * Thread-safe; each destination's worker calls it for its own indications.
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
    static final String CONTENT_TYPE = "application/xml; charset=utf-8";

    private final HttpClient client;
    private final DestinationPolicy policy;
    private final DeliveryTimeouts timeouts;
    private final AtomicLong messageIds;
    private final ExportResponseReader reader = new ExportResponseReader();

    ExportSender(IndicationConfig config, DeliveryTimeouts timeouts, long firstMessageId) {
        this.policy = new DestinationPolicy(config.destinations());
        this.timeouts = timeouts;
        this.messageIds = new AtomicLong(firstMessageId);
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeouts.connect())
                .followRedirects(HttpClient.Redirect.NEVER)
                .sslContext(sslContext(config.trustStore(), config.trustStorePassword()))
                .build();
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
    Outcome send(URI url, byte[] indicationXml) throws InterruptedException {
        try {
            policy.requireAllowed(url.getHost(), url.toString());
        } catch (CimException e) {
            return Outcome.giveUp(e.getMessage());
        }
        String id = Long.toString(messageIds.incrementAndGet());
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(url)
                    .timeout(timeouts.response())
                    .header("Content-Type", CONTENT_TYPE)
                    .header("CIMExport", "MethodRequest")
                    .header("CIMExportMethod", XmlNames.EXPORT_INDICATION)
                    .header("CIMProtocolVersion", XmlNames.PROTOCOL_VERSION)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(ExportRequestWriter.request(id, indicationXml)))
                    .build();
        } catch (IOException | IllegalArgumentException e) {
            return Outcome.giveUp("the request cannot be written: " + e.getMessage());
        }
        CompletableFuture<HttpResponse<byte[]>> f = client.sendAsync(request, info -> new LimitedBody());
        HttpResponse<byte[]> response;
        try {
            // the client's own timeout stops at the response head; this one covers the body too
            response = f.get(timeouts.response().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            return Outcome.retry("no answer within " + timeouts.response().toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            return Outcome.retry(c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage()));
        } catch (InterruptedException e) {
            f.cancel(true);
            throw e;
        }
        return judge(id, response.statusCode(), response.body());
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

    /** Collects at most {@link #MAX_RESPONSE_BYTES} of the body; more fails the try. */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        private Flow.Subscription subscription;

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer b : items) {
                if (bytes.size() + b.remaining() > MAX_RESPONSE_BYTES) {
                    subscription.cancel();
                    result.completeExceptionally(new IOException("the answer is longer than " + MAX_RESPONSE_BYTES + " bytes"));
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                bytes.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }
}
