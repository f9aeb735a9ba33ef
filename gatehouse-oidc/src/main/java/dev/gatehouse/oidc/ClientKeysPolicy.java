package dev.gatehouse.oidc;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;

import java.text.ParseException;
import java.util.HashSet;
import java.util.Set;

/**
 * Which keys a client may register to authenticate with ({@code private_key_jwt}): a JWK Set of 1
 * to 10 public signing keys, RSA of at least 2048 bits, EC on P-256, P-384 or P-521, or Ed25519,
 * each {@code kid} at most once. A private key is refused rather than stripped: whoever sent it has
 * leaked it, and the client should make a new one. Symmetric keys are refused: the server would have
 * to keep a secret that signs as the client.
 */
final class ClientKeysPolicy {
    static final int MAX_KEYS = 10;
    static final int MAX_LENGTH = 20_000;
    private static final Set<Curve> EC_CURVES = Set.of(Curve.P_256, Curve.P_384, Curve.P_521);

    private ClientKeysPolicy() {
    }

    /** The keys as they are kept (the SDK's serialisation of the public set), or why they are refused. */
    sealed interface Verdict {
        record Accepted(String jwks) implements Verdict {
        }

        record Refused(String reason) implements Verdict {
        }
    }

    static Verdict judge(String jwks) {
        if (jwks.length() > MAX_LENGTH) {
            return new Verdict.Refused("a client's keys are at most " + MAX_LENGTH + " characters of JSON");
        }
        JWKSet set;
        try {
            set = JWKSet.parse(jwks);
        } catch (ParseException e) {
            return new Verdict.Refused("a client's keys are a JWK Set ({\"keys\":[...]}): " + e.getMessage());
        } catch (RuntimeException e) {
            // The SDK fails on some shapes with an unchecked exception ({"keys":[null]}).
            return new Verdict.Refused("a client's keys are a JWK Set ({\"keys\":[...]}) of JWK objects");
        }
        if (set.getKeys().isEmpty() || set.getKeys().size() > MAX_KEYS) {
            return new Verdict.Refused("a client has 1 to " + MAX_KEYS + " keys");
        }
        Set<String> ids = new HashSet<>();
        for (JWK key : set.getKeys()) {
            if (key.isPrivate()) {
                return new Verdict.Refused("a client's keys are public keys only: this set holds a private key, which is now exposed");
            }
            if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
                return new Verdict.Refused("a client's keys are for signing (\"use\":\"sig\" or none)");
            }
            if (key.getKeyID() != null && !ids.add(key.getKeyID())) {
                return new Verdict.Refused("each key id (kid) appears once");
            }
            if (!isStrongEnough(key)) {
                return new Verdict.Refused("a client's key is RSA of at least 2048 bits, EC on P-256, P-384 or P-521, or Ed25519");
            }
        }
        return new Verdict.Accepted(set.toString(true));
    }

    private static boolean isStrongEnough(JWK key) {
        return switch (key) {
            case RSAKey rsa -> rsa.size() >= 2048;
            case ECKey ec -> EC_CURVES.contains(ec.getCurve());
            // An Ed25519 public key is 32 bytes: any other length could never verify a signature.
            case OctetKeyPair okp -> Curve.Ed25519.equals(okp.getCurve()) && okp.getDecodedX().length == 32;
            default -> false;
        };
    }
}
