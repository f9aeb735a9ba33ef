package dev.gatehouse.core.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObject;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.KeyLengthException;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.core.token.DataTokenVerification.Decoded;
import dev.gatehouse.core.token.DataTokenVerification.Malformed;
import dev.gatehouse.core.token.DataTokenVerification.Reason;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The data token service: wraps caller-supplied data in an HS512 JWT, and decodes and checks
 * such tokens. These tokens carry no subject and no audience and are signed with a key of their
 * own, so they are never access tokens: nothing in Gatehouse accepts one as a credential.
 *
 * <p>A token looks like header {@code {"typ":"JWT","alg":"HS512"}} and claims
 * {@code {"iat": <seconds>, "jti": <32 hex digits>, "payload": {"data": ..., "date": "YYYY-MM-DD"}}},
 * the date being today in UTC.
 */
public final class DataTokenService {
    /** The name the generated secret is kept under in the server-secret store. */
    public static final String SECRET_NAME = "token_service_secret";
    /** HS512 needs a key at least as long as its hash (RFC 7518 section 3.2): 512 bits. */
    public static final int SECRET_BYTES = 64;

    private static final int JTI_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] secret;
    /** One signer for every token: it only holds the key, and Nimbus signers are thread-safe. */
    private final MACSigner signer;
    private final Clock clock;

    /**
     * A service that signs with {@code secret}, kept as a copy.
     *
     * @param secret the HMAC key of the server's own tokens, at least {@link #SECRET_BYTES} bytes
     * @param clock gives {@code iat} and the payload's date
     * @throws IllegalArgumentException when the secret is too short for HS512
     */
    public DataTokenService(byte[] secret, Clock clock) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length < SECRET_BYTES) {
            throw new IllegalArgumentException("an HS512 key needs at least " + SECRET_BYTES + " bytes, this one has " + secret.length);
        }
        this.secret = secret.clone();
        try {
            this.signer = new MACSigner(this.secret);
        } catch (KeyLengthException e) {
            throw new IllegalArgumentException("an HS512 key needs at least " + SECRET_BYTES + " bytes", e);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A compact HS512 JWS carrying {@code userData} and today's date.
     *
     * @param userData the data to carry, as given
     * @return the compact JWS
     */
    public String create(String userData) {
        Objects.requireNonNull(userData, "userData");
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        byte[] nonce = new byte[JTI_BYTES];
        RANDOM.nextBytes(nonce);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("data", userData);
        payload.put("date", LocalDate.ofInstant(now, ZoneOffset.UTC).toString());
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issueTime(Date.from(now))
                .jwtID(HEX.formatHex(nonce))
                .claim("payload", payload)
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS512).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing with a checked 512-bit key cannot fail", e);
        }
        return jwt.serialize();
    }

    /**
     * Decodes {@code token} and checks its signature.
     *
     * @param token the token as presented
     * @param signingKey the HMAC key as text (its UTF-8 bytes are the key, as clients expect); when
     *        empty, the server's own secret, which only ever signs HS512
     * @return the decoded token and whether its signature holds, or why it is no JWS
     */
    public DataTokenVerification verify(String token, Optional<String> signingKey) {
        Objects.requireNonNull(signingKey, "signingKey");
        return verify(token, signingKey, secret);
    }

    /**
     * Decodes {@code token} and checks its signature under {@code signingKey} alone (its UTF-8
     * bytes), for a caller that has no server secret, such as the command line.
     *
     * @param token the token as presented
     * @param signingKey the HMAC key as text
     * @return the decoded token and whether its signature holds, or why it is no JWS
     */
    public static DataTokenVerification verifyWithKey(String token, String signingKey) {
        Objects.requireNonNull(signingKey, "signingKey");
        return verify(token, Optional.of(signingKey), null);
    }

    private static DataTokenVerification verify(String token, Optional<String> signingKey, byte[] serverSecret) {
        Objects.requireNonNull(token, "token");
        JOSEObject parsed;
        try {
            parsed = JOSEObject.parse(token.strip());
        } catch (ParseException e) {
            return new Malformed("the token is not a compact JWS (three base64url parts separated by dots)");
        }
        if (parsed instanceof JWEObject) {
            return new Malformed("the token is encrypted (JWE), not signed");
        }
        Map<String, Object> header = parsed.getHeader().toJSONObject();
        Map<String, Object> claims = parsed.getPayload().toJSONObject();
        if (claims == null) {
            return new Malformed("the token's payload is not a JSON object");
        }
        if (!(parsed instanceof JWSObject jws)) {
            // An unsecured JWT (alg "none"): readable, but nothing about it can be verified.
            return notVerified(header, claims, Reason.ALGORITHM_NOT_HMAC);
        }
        return check(jws, header, claims, signingKey, serverSecret);
    }

    private static DataTokenVerification check(JWSObject jws, Map<String, Object> header, Map<String, Object> claims,
                                               Optional<String> signingKey, byte[] serverSecret) {
        JWSAlgorithm algorithm = jws.getHeader().getAlgorithm();
        if (!JWSAlgorithm.Family.HMAC_SHA.contains(algorithm)) {
            return notVerified(header, claims, Reason.ALGORITHM_NOT_HMAC);
        }
        if (signingKey.isEmpty() && !JWSAlgorithm.HS512.equals(algorithm)) {
            return notVerified(header, claims, Reason.UNEXPECTED_ALGORITHM);
        }
        byte[] key = signingKey.map(k -> k.getBytes(StandardCharsets.UTF_8)).orElse(serverSecret);
        try {
            if (jws.verify(new MACVerifier(key))) {
                return new Decoded(header, claims, true, Optional.empty());
            }
        } catch (KeyLengthException e) {
            // Nimbus enforces RFC 7518's minimum key length, on verifying as on signing.
            return notVerified(header, claims, Reason.KEY_TOO_SHORT);
        } catch (JOSEException e) {
            return notVerified(header, claims, Reason.SIGNATURE_MISMATCH);
        }
        Reason reason = jws.getHeader().getCriticalParams() != null && !jws.getHeader().getCriticalParams().isEmpty()
                ? Reason.UNSUPPORTED_HEADER
                : Reason.SIGNATURE_MISMATCH;
        return notVerified(header, claims, reason);
    }

    private static Decoded notVerified(Map<String, Object> header, Map<String, Object> claims, Reason reason) {
        return new Decoded(header, claims, false, Optional.of(reason));
    }
}
