package dev.gatehouse.core.keys;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import dev.gatehouse.core.Tools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Keys made by the real ssh-keygen and openssl, as an operator would make them, load (or are refused) as they should. */
class PemKeysTest {
    @TempDir
    static Path dir;

    /** An operator's usual commands, run once: RSA 4096 key generation takes a moment. */
    @BeforeAll
    static void makeKeys() throws Exception {
        Tools.require("ssh-keygen");
        Tools.require("openssl");
        Tools.run(dir, "ssh-keygen", "-t", "rsa", "-b", "4096", "-m", "PEM", "-N", "", "-q", "-f", "key.key");
        Tools.run(dir, "openssl", "rsa", "-in", "key.key", "-pubout", "-outform", "PEM", "-out", "key.pub");
    }

    @Test
    void loadsAnSshKeygenPkcs1KeyAndSpkiPublicKey() throws Exception {
        assertThat(Files.readString(dir.resolve("key.key"))).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        SigningKey key = PemKeys.loadPrivate(SigningAlgorithm.RS256, dir.resolve("key.key"), Optional.of(dir.resolve("key.pub")));

        assertThat(key.canSign()).isTrue();
        assertThat(((RSAKey) key.jwk()).size()).isEqualTo(4096);
        assertThat(key.kid()).isEqualTo(key.jwk().computeThumbprint().toString()).hasSize(43);
        assertThat(key.jwk().getAlgorithm().getName()).isEqualTo("RS256");

        SigningKey publicOnly = PemKeys.loadPublic(SigningAlgorithm.RS256, dir.resolve("key.pub"));
        assertThat(publicOnly.canSign()).isFalse();
        assertThat(publicOnly.kid()).isEqualTo(key.kid());
    }

    @Test
    void loadsRsaPkcs8() throws Exception {
        Tools.run(dir, "openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "rsa8.key");
        Tools.run(dir, "openssl", "pkey", "-in", "rsa8.key", "-pubout", "-out", "rsa8.pub");
        assertThat(Files.readString(dir.resolve("rsa8.key"))).startsWith("-----BEGIN PRIVATE KEY-----");

        SigningKey key = PemKeys.loadPrivate(SigningAlgorithm.PS256, dir.resolve("rsa8.key"), Optional.of(dir.resolve("rsa8.pub")));
        assertThat(key.algorithm()).isEqualTo(SigningAlgorithm.PS256);
    }

    @Test
    void loadsEcKeysInSec1AndPkcs8() throws Exception {
        Tools.run(dir, "openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "p256.key");
        Tools.run(dir, "openssl", "ec", "-in", "p256.key", "-pubout", "-out", "p256.pub");
        Tools.run(dir, "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", "p384.key");
        Tools.run(dir, "openssl", "pkey", "-in", "p384.key", "-pubout", "-out", "p384.pub");
        assertThat(Files.readString(dir.resolve("p256.key"))).startsWith("-----BEGIN EC PRIVATE KEY-----");
        assertThat(Files.readString(dir.resolve("p384.key"))).startsWith("-----BEGIN PRIVATE KEY-----");

        SigningKey es256 = PemKeys.loadPrivate(SigningAlgorithm.ES256, dir.resolve("p256.key"), Optional.of(dir.resolve("p256.pub")));
        SigningKey es384 = PemKeys.loadPrivate(SigningAlgorithm.ES384, dir.resolve("p384.key"), Optional.of(dir.resolve("p384.pub")));

        assertThat(((ECKey) es256.jwk()).getCurve().getName()).isEqualTo("P-256");
        assertThat(((ECKey) es384.jwk()).getCurve().getName()).isEqualTo("P-384");
        assertThat(PemKeys.loadPublic(SigningAlgorithm.ES384, dir.resolve("p384.pub")).kid()).isEqualTo(es384.kid());
    }

    @Test
    void skipsTheEcParametersBlockOpensslEcparamWritesFirst() throws Exception {
        Tools.run(dir, "openssl", "ecparam", "-name", "prime256v1", "-genkey", "-out", "withparams.key");
        assertThat(Files.readString(dir.resolve("withparams.key"))).startsWith("-----BEGIN EC PARAMETERS-----");

        assertThat(PemKeys.loadPrivate(SigningAlgorithm.ES256, dir.resolve("withparams.key"), Optional.empty()).canSign()).isTrue();
    }

    @Test
    void readsThePublicKeyOfACertificate() throws Exception {
        Tools.run(dir, "openssl", "req", "-x509", "-key", "key.key", "-subj", "/CN=gatehouse", "-days", "1", "-out", "key.crt");

        SigningKey fromCertificate = PemKeys.loadPublic(SigningAlgorithm.RS256, dir.resolve("key.crt"));

        assertThat(fromCertificate.kid()).isEqualTo(PemKeys.loadPublic(SigningAlgorithm.RS256, dir.resolve("key.pub")).kid());
    }

    @Test
    void loadsAnEcKeyFromSshKeygenAndExplainsItsOpenSshFormat() throws Exception {
        Tools.run(dir, "ssh-keygen", "-t", "ecdsa", "-b", "384", "-m", "PEM", "-N", "", "-q", "-f", "ssh-ec.key");
        Tools.run(dir, "ssh-keygen", "-t", "ed25519", "-N", "", "-q", "-f", "ssh-ed.key");

        assertThat(PemKeys.loadPrivate(SigningAlgorithm.ES384, dir.resolve("ssh-ec.key"), Optional.empty()).canSign()).isTrue();
        assertThatThrownBy(() -> PemKeys.loadPrivate(SigningAlgorithm.EDDSA, dir.resolve("ssh-ed.key"), Optional.empty()))
                .isInstanceOf(KeyRejectedException.class).hasMessageContaining("OpenSSH format");
    }

    @Test
    void loadsEd25519() throws Exception {
        Tools.run(dir, "openssl", "genpkey", "-algorithm", "ed25519", "-out", "ed.key");
        Tools.run(dir, "openssl", "pkey", "-in", "ed.key", "-pubout", "-out", "ed.pub");

        SigningKey key = PemKeys.loadPrivate(SigningAlgorithm.EDDSA, dir.resolve("ed.key"), Optional.of(dir.resolve("ed.pub")));

        assertThat(key.canSign()).isTrue();
        assertThat(PemKeys.loadPublic(SigningAlgorithm.EDDSA, dir.resolve("ed.pub")).kid()).isEqualTo(key.kid());
    }

    @Test
    void refusesAKeyThatDoesNotFitTheAlgorithm() throws Exception {
        Tools.run(dir, "openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "fit256.key");
        Tools.run(dir, "openssl", "genpkey", "-algorithm", "ed25519", "-out", "fited.key");
        Path p256 = dir.resolve("fit256.key");

        assertThatThrownBy(() -> PemKeys.loadPrivate(SigningAlgorithm.ES384, p256, Optional.empty()))
                .isInstanceOf(KeyRejectedException.class).hasMessageContaining("P-384").hasMessageContaining("P-256");
        assertThatThrownBy(() -> PemKeys.loadPrivate(SigningAlgorithm.RS256, p256, Optional.empty()))
                .isInstanceOf(KeyRejectedException.class).hasMessageContaining("RSA");
        assertThatThrownBy(() -> PemKeys.loadPrivate(SigningAlgorithm.EDDSA, p256, Optional.empty()))
                .isInstanceOf(KeyRejectedException.class).hasMessageContaining("OKP");
        assertThatThrownBy(() -> PemKeys.loadPrivate(SigningAlgorithm.ES256, dir.resolve("fited.key"), Optional.empty()))
                .isInstanceOf(KeyRejectedException.class).hasMessageContaining("EC");
        assertThatThrownBy(() -> PemKeys.loadPrivate(SigningAlgorithm.HS256, p256, Optional.empty()))
                .isInstanceOf(KeyRejectedException.class).hasMessageContaining("JWT_SECRET");
    }

    @Test
    void refusesRsaBelow2048Bits() throws Exception {
        Tools.run(dir, "openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024", "-out", "small.key");

        assertThatThrownBy(() -> PemKeys.loadPrivate(SigningAlgorithm.RS256, dir.resolve("small.key"), Optional.empty()))
                .isInstanceOf(KeyRejectedException.class).hasMessageContaining("2048").hasMessageContaining("1024");
    }

    @Test
    void refusesAPublicKeyFromAnotherPair() throws Exception {
        Tools.run(dir, "openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "a.key");
        Tools.run(dir, "openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "b.key");
        Tools.run(dir, "openssl", "ec", "-in", "b.key", "-pubout", "-out", "b.pub");

        assertThatThrownBy(() -> PemKeys.loadPrivate(SigningAlgorithm.ES256, dir.resolve("a.key"), Optional.of(dir.resolve("b.pub"))))
                .isInstanceOf(KeyRejectedException.class).hasMessageContaining("does not belong");
    }

    @Test
    void refusesEncryptedSwappedAndGarbageFilesWithoutQuotingThem() throws Exception {
        Tools.run(dir, "openssl", "genpkey", "-algorithm", "ed25519", "-aes-256-cbc", "-pass", "pass:secret", "-out", "enc.key");
        Files.writeString(dir.resolve("garbage.key"), "-----BEGIN PRIVATE KEY-----\nTUFURVJJQUwtU0VDUkVU\n-----END PRIVATE KEY-----\n");

        assertThatThrownBy(() -> PemKeys.loadPrivate(SigningAlgorithm.EDDSA, dir.resolve("enc.key"), Optional.empty()))
                .isInstanceOf(KeyRejectedException.class).hasMessageContaining("encrypted");
        assertThatThrownBy(() -> PemKeys.loadPrivate(SigningAlgorithm.RS256, dir.resolve("key.pub"), Optional.empty()))
                .isInstanceOf(KeyRejectedException.class).hasMessageContaining("public key");
        assertThatThrownBy(() -> PemKeys.loadPublic(SigningAlgorithm.RS256, dir.resolve("key.key")))
                .isInstanceOf(KeyRejectedException.class).hasMessageContaining("private key");
        assertThatThrownBy(() -> PemKeys.loadPrivate(SigningAlgorithm.RS256, dir.resolve("garbage.key"), Optional.empty()))
                .isInstanceOf(KeyRejectedException.class).message().doesNotContain("TUFURVJJQUwtU0VDUkVU");
        assertThatThrownBy(() -> PemKeys.loadPrivate(SigningAlgorithm.RS256, dir.resolve("missing.key"), Optional.empty()))
                .isInstanceOf(KeyRejectedException.class).hasMessageContaining("cannot read");
    }
}
