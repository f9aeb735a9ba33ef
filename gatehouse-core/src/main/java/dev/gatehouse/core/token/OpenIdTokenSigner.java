package dev.gatehouse.core.token;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.gatehouse.core.keys.KeyRing;
import dev.gatehouse.core.keys.SigningAlgorithm;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Signs the OpenID provider's tokens other than access tokens (ID tokens, logout tokens) with the
 * ring's current signing key, the one the JWKS publishes, under its own algorithm and {@code kid}.
 * Thread-safe.
 */
public final class OpenIdTokenSigner {
    private final AccessTokenIssuer issuer;
    private final Supplier<KeyRing> ring;

    /**
     * A signer with the keys of {@code ring}.
     *
     * @param issuer signs, remembering the last key's signer
     * @param ring   the current key ring, read at each use
     */
    public OpenIdTokenSigner(AccessTokenIssuer issuer, Supplier<KeyRing> ring) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.ring = Objects.requireNonNull(ring, "ring");
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
