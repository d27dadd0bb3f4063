package org.cimkit.server.security;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.cimkit.server.storage.AtomicFileWriter;

/**
 * A self-signed server certificate (EC P-256, SHA256withECDSA, made with Bouncy Castle) kept as a
 * PKCS12 key store in the data dir: {@code tls/self-signed.p12} with its random password in
 * {@code tls/self-signed.p12.password}, both mode 0600 in a 0700 directory, each written atomically
 * ({@link AtomicFileWriter}). Made at the first start and reused after.
 */
public final class SelfSignedCertificate {
    public static final String ALIAS = "cimkit";
    private static final Duration VALIDITY = Duration.ofDays(825);

    /** A loaded key store and its password. */
    public record Store(KeyStore keyStore, String password, Path file) {
    }

    private SelfSignedCertificate() {
    }

    /** Loads the store under {@code dataDir/tls}, making it first if needed; {@code dataDir} null keeps it in memory. */
    public static Store loadOrCreate(Path dataDir, String host) throws IOException, GeneralSecurityException {
        if (dataDir == null) {
            String pw = randomPassword();
            return new Store(create(host, pw), pw, null);
        }
        Path dir = dataDir.resolve("tls");
        Path file = dir.resolve("self-signed.p12");
        Path pwFile = dir.resolve("self-signed.p12.password");
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Files.isRegularFile(pwFile, LinkOption.NOFOLLOW_LINKS)) {
            try {
                String pw = Files.readString(pwFile, StandardCharsets.UTF_8).strip();
                KeyStore ks = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(file)) {
                    ks.load(in, pw.toCharArray());
                }
                X509Certificate c = (X509Certificate) ks.getCertificate(ALIAS);
                if (c != null && c.getNotAfter().toInstant().isAfter(Instant.now().plus(Duration.ofDays(1)))) {
                    return new Store(ks, pw, file);
                }
            } catch (IOException | GeneralSecurityException e) {
                // a pair that does not fit (a crash between the two writes, a damaged file): made afresh below
            }
        }
        AtomicFileWriter.privateDirectory(dir);
        String pw = randomPassword();
        KeyStore ks = create(host, pw);
        // each file appears whole (0600); a crash between the two leaves a pair that fails to load and is remade
        try (AtomicFileWriter out = AtomicFileWriter.create(file)) {
            ks.store(out.stream(), pw.toCharArray());
            out.commit();
        }
        AtomicFileWriter.write(pwFile, pw.getBytes(StandardCharsets.UTF_8));
        return new Store(ks, pw, file);
    }

    /** A fresh key store holding one key pair and its self-signed certificate for the host. */
    public static KeyStore create(String host, String password) throws GeneralSecurityException, IOException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        KeyPair kp = g.generateKeyPair();
        X500Name name = new X500Name("CN=" + safeCn(host) + ",O=Cimkit self-signed");
        Instant now = Instant.now();
        BigInteger serial = new BigInteger(64, new SecureRandom());
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial, Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(VALIDITY)), name, kp.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(altNames(host).toArray(GeneralName[]::new)));
        X509Certificate cert;
        try {
            cert = new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign the certificate", e);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry(ALIAS, kp.getPrivate(), password.toCharArray(), new Certificate[] {cert});
        return ks;
    }

    private static List<GeneralName> altNames(String host) {
        Set<String> dns = new LinkedHashSet<>(List.of("localhost"));
        Set<String> ips = new LinkedHashSet<>(List.of("127.0.0.1", "::1"));
        if (host != null && !host.isBlank()) {
            if (host.chars().allMatch(c -> Character.isDigit(c) || c == '.' || c == ':')) {
                ips.add(host);
            } else {
                dns.add(host);
            }
        }
        try {
            String local = InetAddress.getLocalHost().getHostName();
            dns.add(local);
        } catch (IOException e) {
            // the names above must do
        }
        List<GeneralName> out = new ArrayList<>();
        dns.forEach(d -> out.add(new GeneralName(GeneralName.dNSName, d)));
        ips.forEach(i -> out.add(new GeneralName(GeneralName.iPAddress, i)));
        return out;
    }

    private static String safeCn(String host) {
        String h = host == null || host.isBlank() ? "localhost" : host;
        return h.replaceAll("[^A-Za-z0-9.:-]", "_");
    }

    private static String randomPassword() {
        byte[] b = new byte[18];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
