package org.cimkit.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key store is written through the atomic-file helper: private modes, no leftovers, reused, remade when damaged. */
class SelfSignedCertificateTest {
    @TempDir
    Path data;

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void storeIsPrivateWholeAndReused() throws Exception {
        SelfSignedCertificate.Store first = SelfSignedCertificate.loadOrCreate(data, "localhost");
        Path tls = data.resolve("tls");
        assertEquals("rwx------", mode(tls));
        assertEquals("rw-------", mode(tls.resolve("self-signed.p12")));
        assertEquals("rw-------", mode(tls.resolve("self-signed.p12.password")));
        try (var files = Files.list(tls)) {
            assertEquals(List.of("self-signed.p12", "self-signed.p12.password"),
                    files.map(f -> f.getFileName().toString()).sorted().toList(), "no temp files remain");
        }
        SelfSignedCertificate.Store again = SelfSignedCertificate.loadOrCreate(data, "localhost");
        assertEquals(first.keyStore().getCertificate(SelfSignedCertificate.ALIAS),
                again.keyStore().getCertificate(SelfSignedCertificate.ALIAS), "the certificate is reused");
    }

    @Test
    void aPairThatDoesNotFitIsMadeAfresh() throws Exception {
        SelfSignedCertificate.Store first = SelfSignedCertificate.loadOrCreate(data, "localhost");
        Files.writeString(data.resolve("tls/self-signed.p12.password"), "not the password");
        SelfSignedCertificate.Store remade = SelfSignedCertificate.loadOrCreate(data, "localhost");
        assertNotEquals(first.keyStore().getCertificate(SelfSignedCertificate.ALIAS),
                remade.keyStore().getCertificate(SelfSignedCertificate.ALIAS));
        assertEquals(remade.password(), Files.readString(data.resolve("tls/self-signed.p12.password")));
    }
}
