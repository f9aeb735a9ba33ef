package dev.gatehouse.core.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.gatehouse.core.keys.SigningKey;

import java.time.Instant;

import static java.nio.charset.StandardCharsets.UTF_8;
import java.util.Date;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** Builds tokens an attacker or a buggy issuer might send: any header, any claims, a real signature. */
final class TokenForge {
    private TokenForge() {
    }

    static JWSHeader.Builder header(SigningKey key) {
        return new JWSHeader.Builder(key.algorithm().jws()).keyID(key.kid()).type(new JOSEObjectType("at+jwt"));
    }

    static JWTClaimsSet.Builder claims(Instant now, AccessTokenSettings settings) {
        return new JWTClaimsSet.Builder()
                .issuer(settings.issuer())
                .audience(settings.audience())
                .subject(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(settings.ttl())))
                .jwtID("jti-1")
                .claim("role", "common");
    }

    static String sign(SigningKey key, JWSHeader header, Payload payload) {
        try {
            JWSObject jws = new JWSObject(header, payload);
            jws.sign(Signers.forKey(key));
            return jws.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs exactly the given header text, as an attacker would, without Nimbus parsing it first. */
    static String signRaw(SigningKey key, String headerJson, String payload) {
        try {
            String input = Base64URL.encode(headerJson.getBytes(UTF_8)) + "." + Base64URL.encode(payload.getBytes(UTF_8));
            Base64URL signature = Signers.forKey(key).sign(new JWSHeader(key.algorithm().jws()), input.getBytes(UTF_8));
            return input + "." + signature;
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sign(SigningKey key, UnaryOperator<JWSHeader.Builder> header, JWTClaimsSet claims) {
        return sign(key, header.apply(header(key)).build(), new Payload(claims.toJSONObject()));
    }
}
