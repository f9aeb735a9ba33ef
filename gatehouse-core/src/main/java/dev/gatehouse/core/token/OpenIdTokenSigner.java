package dev.gatehouse.core.token;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.gatehouse.core.keys.KeyRing;
import dev.gatehouse.core.keys.SigningAlgorithm;
import dev.gatehouse.core.keys.VerificationKeys;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Signs the OpenID provider's tokens other than access tokens (ID tokens, logout tokens) with the
 * ring's current signing key, the one the JWKS publishes, under its own algorithm and {@code kid}.
 * Thread-safe.
 */
public final class OpenIdTokenSigner {
    private final AccessTokenIssuer issuer;
    private final Supplier<KeyRing> ring;
    private final VerificationKeys keys;
    private final JwsSignatureCheck jws = new JwsSignatureCheck();

    /**
     * A signer with the keys of {@code ring}.
     *
     * @param issuer signs, remembering the last key's signer
     * @param ring   the current key ring, read at each use
     * @param keys   the keys tokens signed here verify with, retired ones included
     */
    public OpenIdTokenSigner(AccessTokenIssuer issuer, Supplier<KeyRing> ring, VerificationKeys keys) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.ring = Objects.requireNonNull(ring, "ring");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /**
     * Reads an ID token this server issued, as a hint of who is signing out
     * ({@code id_token_hint}): its signature must verify with one of the server's keys (under the
     * same strict rules as an access token's), its {@code typ} be {@code JWT} and its {@code iss}
     * this server. Its expiry is not checked: OpenID Connect RP-Initiated Logout lets an app send
     * the ID token of a sign-in long after it expired.
     *
     * @param idToken the compact JWS as sent
     * @return its claims, or empty when it is not an ID token of this server
     */
    public Optional<JWTClaimsSet> readOwnIdToken(String idToken) {
        if (!(jws.verify(idToken, keys) instanceof JwsCheck.Verified verified)
                || !"JWT".equalsIgnoreCase(String.valueOf(verified.header().get("typ")))) {
            return Optional.empty();
        }
        try {
            JWTClaimsSet claims = JWTClaimsSet.parse(new String(verified.payload(), StandardCharsets.UTF_8));
            return issuer().equals(claims.getIssuer()) && claims.getSubject() != null ? Optional.of(claims) : Optional.empty();
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    /**
     * Signs {@code claims}.
     *
     * @param claims the token's claims
     * @param type   the header's {@code typ}: {@code JWT} for an ID token, {@code logout+jwt} for a
     *               logout token; never {@code at+jwt}, so that no such token passes for an access token
     * @return the compact JWS
     * @throws TokenProcessingException when the key cannot sign
     */
    public String sign(JWTClaimsSet claims, JOSEObjectType type) {
        return issuer.signOther(claims, ring.get().signingKey(), type);
    }

    /**
     * The algorithm tokens are signed with now: an ID token's {@code at_hash} is made with its hash.
     *
     * @return the current signing key's algorithm
     */
    public SigningAlgorithm algorithm() {
        return ring.get().signingKey().algorithm();
    }

    /**
     * The issuer ({@code iss}) every token of this server carries.
     *
     * @return the configured issuer
     */
    public String issuer() {
        return issuer.settings().issuer();
    }
}
