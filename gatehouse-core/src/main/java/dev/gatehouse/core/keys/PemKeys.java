package dev.gatehouse.core.keys;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads signing keys from PEM files ({@code JWT_PRIVATE_KEY_FILE}, {@code JWT_PUBLIC_KEY_FILE})
 * through Bouncy Castle. Private keys: PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, as
 * {@code ssh-keygen -m PEM} writes), SEC1 ({@code BEGIN EC PRIVATE KEY}) and PKCS#8
 * ({@code BEGIN PRIVATE KEY}) for RSA, EC and Ed25519. Public keys: SPKI
 * ({@code BEGIN PUBLIC KEY}). Encrypted PEMs are refused: the server has no passphrase to give.
 * Keys are labelled with their RFC 7638 thumbprint as kid, so the same key always has the same kid.
 */
public final class PemKeys {
    private static final Logger LOG = LoggerFactory.getLogger(PemKeys.class);
    private static final JcaPEMKeyConverter CONVERTER = new JcaPEMKeyConverter();

    private PemKeys() {
    }

    /**
     * Loads a private key for {@code algorithm}; when {@code publicKeyFile} is given it must be
     * the public half of the same key.
     *
     * @param algorithm      the algorithm the key signs with; an asymmetric one
     * @param privateKeyFile the private key's PEM file; a warning is logged when others may read it
     * @param publicKeyFile  the public key's PEM file, if any
     * @return the key, private part included
     * @throws KeyRejectedException when a file cannot be read or parsed, the key does not fit the
     *                              algorithm, or the two files hold different keys
     */
    public static SigningKey loadPrivate(SigningAlgorithm algorithm, Path privateKeyFile, Optional<Path> publicKeyFile) {
        warnIfReadableByOthers(privateKeyFile);
        return fromPem(algorithm, read(privateKeyFile, "private"), publicKeyFile.map(p -> read(p, "public")));
    }

    /**
     * Loads a public key that only verifies (a deployment that checks tokens another server signs).
     *
     * @param algorithm the algorithm the key verifies; an asymmetric one
     * @param publicKeyFile the public key's PEM file (SPKI, or a certificate whose key is used)
     * @return the key, public part only
     * @throws KeyRejectedException when the file cannot be read or parsed, or the key does not fit the algorithm
     */
    public static SigningKey loadPublic(SigningAlgorithm algorithm, Path publicKeyFile) {
        return fromPublicPem(algorithm, read(publicKeyFile, "public"));
    }

    /**
     * As {@link #loadPrivate}, from PEM text.
     *
     * @param algorithm the algorithm the key signs with; an asymmetric one
     * @param privatePem the private key's PEM text
     * @param publicPem the public key's PEM text, if any
     * @return the key, private part included
     * @throws KeyRejectedException when the text cannot be parsed, the key does not fit the algorithm, or
     *         the two texts hold different keys
     */
    public static SigningKey fromPem(SigningAlgorithm algorithm, String privatePem, Optional<String> publicPem) {
        requireAsymmetric(algorithm);
        JWK privateJwk = privateJwk(parse(privatePem, "private"));
        publicPem.ifPresent(pem -> {
            JWK publicJwk = publicJwk(parse(pem, "public"));
            if (!SigningKeys.thumbprint(publicJwk).equals(SigningKeys.thumbprint(privateJwk))) {
                throw new KeyRejectedException("the public key file does not belong to the private key file");
            }
        });
        return SigningKeys.fromJwk(privateJwk, algorithm);
    }

    /**
     * As {@link #loadPublic}, from PEM text.
     *
     * @param algorithm the algorithm the key verifies; an asymmetric one
     * @param publicPem the public key's PEM text
     * @return the key, public part only
     * @throws KeyRejectedException when the text cannot be parsed or the key does not fit the algorithm
     */
    public static SigningKey fromPublicPem(SigningAlgorithm algorithm, String publicPem) {
        requireAsymmetric(algorithm);
        return SigningKeys.fromJwk(publicJwk(parse(publicPem, "public")), algorithm);
    }

    private static void requireAsymmetric(SigningAlgorithm algorithm) {
        if (!algorithm.isAsymmetric()) {
            throw new KeyRejectedException(algorithm.jwsName() + " uses a shared secret (JWT_SECRET), not a PEM key");
        }
    }

    /** A readable private key is not refused (containers often mount files 644) but it is worth a warning. */
    private static void warnIfReadableByOthers(Path file) {
        try {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
                if (permissions.contains(PosixFilePermission.OTHERS_READ) || permissions.contains(PosixFilePermission.GROUP_READ)) {
                    LOG.warn("the private key file {} is readable by other users; chmod 600 it", file);
                }
            }
        } catch (IOException | UnsupportedOperationException e) {
            // Reading it will report the real problem, if any.
        }
    }

    private static String read(Path file, String which) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new KeyRejectedException("cannot read the " + which + " key file " + file);
        }
    }

    private static Object parse(String pem, String which) {
        if (pem.contains("-----BEGIN OPENSSH PRIVATE KEY-----")) {
            throw new KeyRejectedException("the " + which + " key file is in OpenSSH format; write it as PEM instead "
                    + "(ssh-keygen -m PEM for RSA and EC, openssl genpkey -algorithm ed25519 for Ed25519)");
        }
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object parsed = parser.readObject();
            // `openssl ecparam -genkey` without -noout writes an EC PARAMETERS block before the key.
            while (parsed instanceof ASN1ObjectIdentifier || parsed instanceof X9ECParameters) {
                parsed = parser.readObject();
            }
            if (parsed == null) {
                throw new KeyRejectedException("the " + which + " key file holds no PEM block");
            }
            return parsed;
        } catch (IOException e) {
            // The parser's message can quote the malformed input; it stays out of ours.
            throw new KeyRejectedException("the " + which + " key file is not a readable PEM key");
        }
    }

    private static JWK privateJwk(Object parsed) {
        return switch (parsed) {
            case PEMKeyPair pair -> fromPrivateKeyInfo(pair.getPrivateKeyInfo());
            case PrivateKeyInfo info -> fromPrivateKeyInfo(info);
            case PEMEncryptedKeyPair ignored -> throw encrypted();
            case PKCS8EncryptedPrivateKeyInfo ignored -> throw encrypted();
            case SubjectPublicKeyInfo ignored -> throw new KeyRejectedException("the private key file holds a public key");
            default -> throw new KeyRejectedException("the private key file holds no private key");
        };
    }

    private static KeyRejectedException encrypted() {
        return new KeyRejectedException("the private key file is encrypted; give the server an unencrypted key "
                + "(openssl pkey -in key.enc -out key.key) and protect it with file permissions");
    }

    private static JWK publicJwk(Object parsed) {
        if (parsed instanceof SubjectPublicKeyInfo info) {
            return fromPublicKeyInfo(info);
        }
        if (parsed instanceof X509CertificateHolder certificate) {
            // Only the key is used; the certificate's validity and chain mean nothing to token signing.
            return fromPublicKeyInfo(certificate.getSubjectPublicKeyInfo());
        }
        if (parsed instanceof PEMKeyPair || parsed instanceof PrivateKeyInfo) {
            throw new KeyRejectedException("the public key file holds a private key; give it the public key only");
        }
        throw new KeyRejectedException("the public key file holds no public key (expected BEGIN PUBLIC KEY)");
    }

    private static JWK fromPrivateKeyInfo(PrivateKeyInfo info) {
        ASN1ObjectIdentifier type = info.getPrivateKeyAlgorithm().getAlgorithm();
        try {
            if (PKCSObjectIdentifiers.rsaEncryption.equals(type)) {
                RSAPrivateCrtKey key = (RSAPrivateCrtKey) CONVERTER.getPrivateKey(info);
                RSAPublicKey pub = (RSAPublicKey) KeyFactory.getInstance("RSA")
                        .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
                return new RSAKey.Builder(pub).privateKey(key).build();
            }
            if (X9ObjectIdentifiers.id_ecPublicKey.equals(type)) {
                ECPrivateKey key = (ECPrivateKey) CONVERTER.getPrivateKey(info);
                return new ECKey.Builder(curve(key.getParams()), EcPublicKeys.of(info, key)).privateKey(key).build();
            }
            if (EdECObjectIdentifiers.id_Ed25519.equals(type)) {
                byte[] d = ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets();
                // The public key is derived, not trusted from the file: a PKCS#8 v2 public field could disagree.
                byte[] x = new Ed25519PrivateKeyParameters(d, 0).generatePublicKey().getEncoded();
                return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x)).d(Base64URL.encode(d)).build();
            }
        } catch (IOException | GeneralSecurityException | IllegalArgumentException | IllegalStateException | ClassCastException e) {
            throw new KeyRejectedException("the private key file holds a malformed key");
        }
        throw new KeyRejectedException("the private key file holds a key type Gatehouse does not sign with (RSA, EC, Ed25519)");
    }

    private static JWK fromPublicKeyInfo(SubjectPublicKeyInfo info) {
        ASN1ObjectIdentifier type = info.getAlgorithm().getAlgorithm();
        try {
            if (PKCSObjectIdentifiers.rsaEncryption.equals(type)) {
                return new RSAKey.Builder((RSAPublicKey) CONVERTER.getPublicKey(info)).build();
            }
            if (X9ObjectIdentifiers.id_ecPublicKey.equals(type)) {
                ECPublicKey key = (ECPublicKey) CONVERTER.getPublicKey(info);
                return new ECKey.Builder(curve(key.getParams()), key).build();
            }
            if (EdECObjectIdentifiers.id_Ed25519.equals(type)) {
                return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(info.getPublicKeyData().getOctets())).build();
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException | ClassCastException e) {
            throw new KeyRejectedException("the public key file holds a malformed key");
        }
        throw new KeyRejectedException("the public key file holds a key type Gatehouse does not verify with (RSA, EC, Ed25519)");
    }

    private static Curve curve(java.security.spec.ECParameterSpec params) {
        Curve curve = Curve.forECParameterSpec(params);
        if (curve == null) {
            throw new KeyRejectedException("the EC key is on a curve Gatehouse does not use (P-256 for ES256, P-384 for ES384)");
        }
        return curve;
    }
}
