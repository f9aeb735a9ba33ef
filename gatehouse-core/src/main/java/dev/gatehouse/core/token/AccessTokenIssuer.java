package dev.gatehouse.core.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.core.client.ClientGrant;
import dev.gatehouse.core.internal.support.SecureIds;
import dev.gatehouse.core.keys.SigningKey;
import dev.gatehouse.core.user.User;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Signs RFC 9068 access tokens for users. Header: {@code alg} (the key's own), {@code kid},
 * {@code typ: at+jwt}. Claims: iss, sub (user id), aud, iat, nbf, exp, jti (256 random bits),
 * username, name, role, and {@code sid} when the token belongs to a session. Thread-safe.
 */
public final class AccessTokenIssuer {
    private final AccessTokenSettings settings;
    private final Clock clock;
    /**
     * The signer of the key signed with last. Building one turns the JWK into a JCA key (a key
     * factory lookup, the key's encoding) and, for RSA, a new key object whose blinding values the
     * JDK computes again once the old object is collected; the ring's signing key changes once per
     * rotation, so one remembered signer serves nearly every token. Nimbus signers are thread-safe.
     */
    private volatile KeySigner lastSigner;

    private record KeySigner(SigningKey key, JWSSigner signer) {
    }

    /**
     * The issuer, audience and lifetime of the tokens this issues.
     *
     * @return the settings
     */
    public AccessTokenSettings settings() {
        return settings;
    }

    /**
     * An issuer of tokens under {@code settings}.
     *
     * @param settings the issuer, audience and lifetime written into each token
     * @param clock the time tokens are issued at
     */
    public AccessTokenIssuer(AccessTokenSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A token for {@code user} signed with {@code key}, not tied to a session.
     *
     * @param user the user the token is for
     * @param key the key to sign with, under its own algorithm
     * @return the token, its id and its expiry
     * @throws TokenProcessingException when the key cannot sign
     */
    public IssuedAccessToken issue(User user, SigningKey key) {
        return issue(user, key, Optional.empty());
    }

    /**
     * A token for {@code user} signed with {@code key}; {@code sessionId}, when present, becomes the
     * {@code sid} claim so that ending the session can revoke the token.
     *
     * @param user      the user the token is for
     * @param key       the key to sign with, under its own algorithm
     * @param sessionId the session's public id, if the token belongs to one
     * @return the token, its id and its expiry
     * @throws TokenProcessingException when the key cannot sign (public only, too short, wrong type)
     */
    public IssuedAccessToken issue(User user, SigningKey key, Optional<String> sessionId) {
        return issue(user, key, sessionId, Optional.empty());
    }

    /**
     * As {@link #issue(User, SigningKey, Optional)}; {@code refreshFamily}, when present, becomes
     * the {@code rfam} claim of a token issued without a session, so that a logout with the token
     * can end the refresh family it came with.
     *
     * @param user the user the token is for
     * @param key the key to sign with, under its own algorithm
     * @param sessionId the session's public id, if the token belongs to one
     * @param refreshFamily the refresh family issued with it, for a token without a session
     * @return the token, its id and its expiry
     * @throws TokenProcessingException when the key cannot sign
     */
    public IssuedAccessToken issue(User user, SigningKey key, Optional<String> sessionId, Optional<UUID> refreshFamily) {
        Objects.requireNonNull(refreshFamily, "refreshFamily");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(sessionId, "sessionId");
        return sign(key, settings.ttl(), user.id().toString(), settings.audience(), claims -> {
            user.username().ifPresent(username -> claims.claim(AccessTokenClaimNames.USERNAME, username));
            user.name().ifPresent(name -> claims.claim(AccessTokenClaimNames.NAME, name));
            claims.claim(AccessTokenClaimNames.ROLE, user.role().wireName());
            sessionId.ifPresent(sid -> claims.claim(AccessTokenClaimNames.SESSION_ID, sid));
            refreshFamily.ifPresent(family -> claims.claim(AccessTokenClaimNames.REFRESH_FAMILY, family.toString()));
        });
    }

    /**
     * A token for a client acting as itself ({@code client_credentials}): {@code sub} and
     * {@code client_id} are the client's id, {@code scope} what it was granted, and no user claim.
     *
     * @param grant the client and its granted scopes
     * @param key   the key to sign with, under its own algorithm
     * @param ttl   the token's lifetime: the client's own, or the server's
     * @return the token, its id and its expiry
     * @throws TokenProcessingException when the key cannot sign
     */
    public IssuedAccessToken issueForClient(ClientGrant grant, SigningKey key, Duration ttl) {
        Objects.requireNonNull(grant, "grant");
        return sign(key, ttl, grant.clientId(), settings.audience(), claims -> claims
                .claim(AccessTokenClaimNames.CLIENT_ID, grant.clientId())
                .claim(AccessTokenClaimNames.SCOPE, grant.scopeText()));
    }

    /**
     * A token a client got for a user (the authorization code flow): {@code sub} and {@code role}
     * of the user, {@code client_id} and {@code scope} of the grant, bound to the user's browser
     * session ({@code sid}). No name or username: what a client may know of the user is what the
     * granted scopes give it at {@code /userinfo} and in the ID token.
     *
     * <p>The audience says who may take it. The operator's own (first-party) apps call the APIs
     * behind Gatehouse with it: it carries the resource servers' audience, like Gatehouse's own
     * tokens. A third-party app's token carries the issuer as its audience: only Gatehouse's own
     * endpoints take it (see {@link AccessTokenVerifier#forOwnEndpoints}), so a user who let an
     * app know who they are has not let it act as them at every app behind the proxy.
     *
     * @param user              the user the token is for
     * @param grant             the client and the scopes the user granted it
     * @param key               the key to sign with, under its own algorithm
     * @param sessionId         the browser session the user signed in with ({@code sid}); empty for a
     *                          token renewed from a family that outlives it ({@code offline_access})
     * @param ttl               the token's lifetime: the client's own, or the server's
     * @param forResourceServers true for a first-party client's token, false for a third party's
     * @return the token, its id and its expiry
     * @throws TokenProcessingException when the key cannot sign
     */
    public IssuedAccessToken issueForClient(User user, ClientGrant grant, SigningKey key, Optional<UUID> sessionId, Duration ttl,
                                            boolean forResourceServers) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(grant, "grant");
        Objects.requireNonNull(sessionId, "sessionId");
        String audience = forResourceServers ? settings.audience() : settings.issuer();
        return sign(key, ttl, user.id().toString(), audience, claims -> {
            claims.claim(AccessTokenClaimNames.ROLE, user.role().wireName());
            sessionId.ifPresent(sid -> claims.claim(AccessTokenClaimNames.SESSION_ID, sid.toString()));
            claims.claim(AccessTokenClaimNames.CLIENT_ID, grant.clientId())
                    .claim(AccessTokenClaimNames.SCOPE, grant.scopeText());
        });
    }

    /**
     * Signs another kind of token with the same keys (the OpenID provider's ID and logout tokens),
     * under the key's own algorithm and {@code kid}. The claims are the caller's to choose; the
     * header's {@code typ} tells verifiers which kind it is, so none is taken for an access token.
     *
     * @param claims the claims
     * @param key    the key to sign with
     * @param type   the header's {@code typ}, never {@code at+jwt}
     * @return the compact JWS
     * @throws TokenProcessingException when the key cannot sign
     */
    public String signOther(JWTClaimsSet claims, SigningKey key, JOSEObjectType type) {
        Objects.requireNonNull(claims, "claims");
        Objects.requireNonNull(key, "key");
        if (type.getType().toLowerCase(Locale.ROOT).endsWith(AccessTokenClaimNames.TYPE)) {
            throw new IllegalArgumentException("only access tokens are typed " + AccessTokenClaimNames.TYPE);
        }
        JWSHeader header = new JWSHeader.Builder(key.algorithm().jws()).keyID(key.kid()).type(type).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signerFor(key));
        } catch (JOSEException e) {
            throw new TokenProcessingException("could not sign a token with key " + key.kid(), e);
        }
        return jwt.serialize();
    }

    private IssuedAccessToken sign(SigningKey key, Duration ttl, String subject, String audience, Consumer<JWTClaimsSet.Builder> specific) {
        Objects.requireNonNull(key, "key");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("an access token's lifetime must be positive: " + ttl);
        }
        // JWT times are whole seconds; truncating here makes expiresAt equal what the token says.
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = now.plus(ttl);
        String jti = SecureIds.newToken();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(settings.issuer())
                .subject(subject)
                .audience(audience)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expiresAt))
                .jwtID(jti);
        specific.accept(claims);
        JWSHeader header = new JWSHeader.Builder(key.algorithm().jws())
                .keyID(key.kid())
                .type(new JOSEObjectType(AccessTokenClaimNames.TYPE))
                .build();
        SignedJWT jwt = new SignedJWT(header, claims.build());
        try {
            jwt.sign(signerFor(key));
        } catch (JOSEException e) {
            throw new TokenProcessingException("could not sign an access token with key " + key.kid(), e);
        }
        return new IssuedAccessToken(jwt.serialize(), jti, expiresAt);
    }

    private JWSSigner signerFor(SigningKey key) throws JOSEException {
        KeySigner last = lastSigner;
        if (last == null || !last.key().equals(key)) {
            last = new KeySigner(key, Signers.forKey(key));
            lastSigner = last;
        }
        return last.signer();
    }
}
