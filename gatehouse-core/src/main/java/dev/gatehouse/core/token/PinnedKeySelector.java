package dev.gatehouse.core.token;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.proc.JWSKeySelector;
import dev.gatehouse.core.keys.SigningKey;

import java.security.Key;
import java.util.List;

/**
 * Nimbus' key selection point, reduced to "the resolved key, and only under its own algorithm".
 * The admission step already checked this; repeating it here keeps the rule where Nimbus looks for
 * it, so a future code path that skips admission still cannot verify an HS256 token with an RSA key.
 */
final class PinnedKeySelector implements JWSKeySelector<KeyContext> {
    @Override
    public List<? extends Key> selectJWSKeys(JWSHeader header, KeyContext context) {
        if (context == null) {
            return List.of();
        }
        SigningKey key = context.key();
        boolean sameAlgorithm = key.algorithm().jws().equals(header.getAlgorithm());
        boolean sameKid = header.getKeyID() == null || header.getKeyID().equals(key.kid());
        return sameAlgorithm && sameKid ? List.of(new PinnedKey(key)) : List.of();
    }
}
