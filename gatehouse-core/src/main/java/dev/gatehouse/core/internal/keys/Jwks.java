package dev.gatehouse.core.internal.keys;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.gatehouse.core.keys.KeyRing;
import dev.gatehouse.core.keys.KeyRotationPolicy;
import dev.gatehouse.core.keys.SigningKey;

import java.text.ParseException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code GET /.well-known/jwks.json}: the public halves of the ring's published keys
 * (NEXT, ACTIVE, RETIRED), each with {@code kid}, {@code alg} and {@code use=sig}. Private members
 * and HMAC secrets cannot appear: keys pass Nimbus's {@code toPublicJWK} twice over (per key and
 * per set) and symmetric keys are dropped before that. Cache it for
 * {@link KeyRotationPolicy#jwksCacheLifetime()}.
 */
public final class Jwks {
    private Jwks() {
    }

    /**
     * The JWKS JSON for the ring's published keys.
     *
     * @param ring the key ring
     * @return the JWKS JSON text
     */
    public static String json(KeyRing ring) {
        return json(ring.publishedKeys());
    }

    /**
     * The JWKS JSON for {@code keys}; HMAC keys among them are left out.
     *
     * @param keys the keys to publish
     * @return the JWKS JSON text
     */
    public static String json(Collection<SigningKey> keys) {
        return JSONObjectUtils.toJSONString(jwkSet(keys).toJSONObject(true));
    }

    /**
     * The public JWK set for {@code keys}; HMAC keys among them are left out.
     *
     * @param keys the keys to publish
     * @return the set, public members only
     */
    public static JWKSet jwkSet(Collection<SigningKey> keys) {
        List<JWK> published = keys.stream()
                .filter(k -> k.algorithm().isAsymmetric())
                .map(Jwks::publicJwk)
                .toList();
        return new JWKSet(published).toPublicJWKSet();
    }

    private static JWK publicJwk(SigningKey key) {
        // Re-labelled from the key itself, so a JWK that came without kid/alg/use still gets them.
        Map<String, Object> members = key.jwk().toPublicJWK().toJSONObject();
        members.put("kid", key.kid());
        members.put("alg", key.algorithm().jwsName());
        members.put("use", KeyUse.SIGNATURE.identifier());
        try {
            return JWK.parse(members).toPublicJWK();
        } catch (ParseException e) {
            throw new IllegalStateException("a public JWK did not parse again", e);
        }
    }
}
