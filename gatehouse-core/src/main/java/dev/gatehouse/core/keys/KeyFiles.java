package dev.gatehouse.core.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a key pair as PEM files for {@code gatehouse keys generate --alg ES256 --out keys/}: the
 * private key as PKCS#8 ({@code key.key}, mode 600 where the file system has POSIX permissions, so
 * other local users cannot read it) and the public key as SPKI ({@code key.pub}). Both load back
 * through {@link PemKeys} and through {@code openssl pkey}. Existing files are never overwritten:
 * replacing a key by accident would invalidate every token it signed.
 */
public final class KeyFiles {
    /** File name of the private key, as existing deployments name it ({@code keys/key.key}). */
    public static final String PRIVATE_FILE = "key.key";
    /** File name of the public key, as existing deployments name it ({@code keys/key.pub}). */
    public static final String PUBLIC_FILE = "key.pub";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /**
     * Where {@link #write} put the two files.
     *
     * @param privateKey the private key's file
     * @param publicKey the public key's file
     */
    public record Written(Path privateKey, Path publicKey) {
    }

    private KeyFiles() {
    }

    /**
     * Writes {@code key} into {@code dir} (created if missing).
     *
     * @param key the key pair to write
     * @param dir the directory to write into
     * @return where the two files are
     * @throws IllegalArgumentException for an HMAC key or a key without its private part
     * @throws IOException              when a file exists already or cannot be written
     */
    public static Written write(SigningKey key, Path dir) throws IOException {
        if (!key.algorithm().isAsymmetric() || !key.canSign()) {
            throw new IllegalArgumentException("only a private asymmetric key can be written as a PEM pair, not " + key);
        }
        Files.createDirectories(dir);
        Path privateFile = dir.resolve(PRIVATE_FILE);
        Path publicFile = dir.resolve(PUBLIC_FILE);
        if (Files.exists(privateFile) || Files.exists(publicFile)) {
            throw new FileAlreadyExistsException(dir + " already holds " + PRIVATE_FILE + " or " + PUBLIC_FILE + "; not overwriting a key");
        }
        createOwnerOnly(privateFile);
        Files.writeString(privateFile, privatePem(key), StandardCharsets.US_ASCII);
        Files.writeString(publicFile, publicPem(key), StandardCharsets.US_ASCII);
        return new Written(privateFile, publicFile);
    }

    /**
     * The private key as PKCS#8 PEM ({@code BEGIN PRIVATE KEY}).
     *
     * @param key a key with its private part
     * @return the PEM text
     */
    public static String privatePem(SigningKey key) {
        return pem("PRIVATE KEY", privateKeyInfo(key.jwk()));
    }

    /**
     * The public key as SPKI PEM ({@code BEGIN PUBLIC KEY}).
     *
     * @param key an asymmetric key
     * @return the PEM text
     */
    public static String publicPem(SigningKey key) {
        return pem("PUBLIC KEY", publicKeyInfo(key.jwk()));
    }

    private static void createOwnerOnly(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.createFile(file);
        }
    }

    private static PrivateKeyInfo privateKeyInfo(JWK jwk) {
        try {
            return switch (jwk) {
                case RSAKey rsa -> PrivateKeyInfo.getInstance(rsa.toPrivateKey().getEncoded());
                case ECKey ec -> PrivateKeyInfo.getInstance(ec.toPrivateKey().getEncoded());
                // PKCS#8 v1 (RFC 8410 section 7) as openssl writes it: Bouncy Castle's default v2 form,
                // with the public key attached, is refused by OpenSSL 3.0 (OpensslTokenInteropTest reads ours with it).
                case OctetKeyPair okp -> new PrivateKeyInfo(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519),
                        new DEROctetString(okp.getDecodedD()));
                default -> throw new IllegalArgumentException("no PEM form for key type " + jwk.getKeyType());
            };
        } catch (JOSEException | IOException e) {
            throw new IllegalStateException("could not encode the private key", e);
        }
    }

    private static SubjectPublicKeyInfo publicKeyInfo(JWK jwk) {
        try {
            return switch (jwk) {
                case RSAKey rsa -> SubjectPublicKeyInfo.getInstance(rsa.toPublicKey().getEncoded());
                case ECKey ec -> SubjectPublicKeyInfo.getInstance(ec.toPublicKey().getEncoded());
                case OctetKeyPair okp -> SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(
                        new Ed25519PublicKeyParameters(okp.getDecodedX(), 0));
                default -> throw new IllegalArgumentException("no PEM form for key type " + jwk.getKeyType());
            };
        } catch (JOSEException | IOException e) {
            throw new IllegalStateException("could not encode the public key", e);
        }
    }

    /** Writes the DER as-is: Bouncy Castle's object writer would turn PKCS#8 RSA/EC into PKCS#1/SEC1. */
    private static String pem(String type, org.bouncycastle.asn1.ASN1Object object) {
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            writer.writeObject(new PemObject(type, object.getEncoded()));
        } catch (IOException e) {
            throw new IllegalStateException("could not write PEM", e);
        }
        return text.toString();
    }
}
