package dev.gatehouse.core.token;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.JWTClaimsSetVerifier;
import dev.gatehouse.core.client.ClientGrant;
import dev.gatehouse.core.user.Role;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The claim rules of an access token, run by Nimbus after the signature verified. Times are read
 * from the injected clock (not Nimbus' own {@code new Date()}), so expiry is testable.
 *
 * <p>Audience: the {@code aud} claim must name exactly our audience and nothing else (as a string
 * or a one-element array); a verifier of Gatehouse's own endpoints also takes a third-party app's
 * token, whose audience is the issuer. Gatehouse only issues single-audience tokens; a token meant for several
 * services is one that another service could replay here, so it is not ours.
 */
final class AccessTokenClaimsPolicy implements JWTClaimsSetVerifier<KeyContext> {
    private final AccessTokenSettings settings;
    private final Clock clock;
    private final Duration leeway;
    private final boolean issuerAudience;

    AccessTokenClaimsPolicy(AccessTokenSettings settings, Clock clock, Duration leeway, boolean issuerAudience) {
        this.settings = settings;
        this.clock = clock;
        this.leeway = leeway;
        this.issuerAudience = issuerAudience;
    }

    @Override
    public void verify(JWTClaimsSet claims, KeyContext context) throws BadJWTException {
        Instant expiresAt = required(claims.getExpirationTime());
        Instant issuedAt = required(claims.getIssueTime());
        Optional<Instant> notBefore = Optional.ofNullable(claims.getNotBeforeTime()).map(Date::toInstant);
        Optional<InvalidToken> timing = timeViolation(clock.instant(), leeway, expiresAt, notBefore, issuedAt);
        if (timing.isPresent()) {
            throw new ClaimsRejected(timing.get());
        }
        if (!settings.issuer().equals(claims.getIssuer())) {
            throw new ClaimsRejected(InvalidToken.WRONG_ISSUER);
        }
        if (!List.of(settings.audience()).equals(claims.getAudience()) && !forOwnEndpoints(claims)) {
            throw new ClaimsRejected(InvalidToken.WRONG_AUDIENCE);
        }
        // The remaining shape rules (sub a UUID, a known role, a jti) are checked by toClaims.
    }

    /** A third-party app's token for a user: its audience is the issuer, and only Gatehouse's own endpoints take it. */
    private boolean forOwnEndpoints(JWTClaimsSet claims) {
        return issuerAudience && claims.getClaim(AccessTokenClaimNames.CLIENT_ID) != null
                && List.of(settings.issuer()).equals(claims.getAudience());
    }

    /**
     * The time rules, shared with the verified-token cache so that a cached token is served at
     * exactly the instants a full verification would accept it.
     */
    static Optional<InvalidToken> timeViolation(Instant now, Duration leeway, Instant expiresAt, Optional<Instant> notBefore,
                                                Instant issuedAt) {
        // RFC 7519 4.1.4: valid only while now is before exp.
        if (!now.isBefore(expiresAt.plus(leeway))) {
            return Optional.of(InvalidToken.EXPIRED);
        }
        if (notBefore.isPresent() && now.plus(leeway).isBefore(notBefore.get())) {
            return Optional.of(InvalidToken.NOT_YET_VALID);
        }
        if (now.plus(leeway).isBefore(issuedAt)) {
            return Optional.of(InvalidToken.NOT_YET_VALID);
        }
        return Optional.empty();
    }

    /**
     * The typed view; throws for missing or malformed required claims. A token naming a client
     * ({@code client_id}) carries {@code scope}; when its {@code sub} is that client, it speaks
     * for the client alone and carries no user claim ({@code role}, {@code username}, {@code name}),
     * else {@code sub} is a user's id and {@code role} is present. Anything between is refused.
     */
    static AccessTokenClaims toClaims(JWTClaimsSet claims) throws ClaimsRejected {
        try {
            String sub = requiredText(claims.getSubject());
            Optional<ClientGrant> grant = grant(claims);
            TokenSubject subject = grant.isPresent() && grant.get().clientId().equals(sub) ? clientSubject(claims, sub) : userSubject(claims, sub);
            return new AccessTokenClaims(
                    subject,
                    requiredText(claims.getJWTID()),
                    required(claims.getIssueTime()),
                    required(claims.getExpirationTime()),
                    Optional.ofNullable(claims.getStringClaim(AccessTokenClaimNames.SESSION_ID)),
                    grant,
                    claims.toJSONObject());
        } catch (ParseException | IllegalArgumentException e) {
            throw new ClaimsRejected(InvalidToken.INVALID_CLAIMS);
        }
    }

    private static Optional<ClientGrant> grant(JWTClaimsSet claims) throws ParseException, ClaimsRejected {
        String clientId = claims.getStringClaim(AccessTokenClaimNames.CLIENT_ID);
        String scope = claims.getStringClaim(AccessTokenClaimNames.SCOPE);
        if (clientId == null) {
            if (scope != null) {
                throw new ClaimsRejected(InvalidToken.INVALID_CLAIMS);
            }
            return Optional.empty();
        }
        Set<String> scopes = ClientGrant.parseScopes(scope).orElseThrow(() -> new ClaimsRejected(InvalidToken.INVALID_CLAIMS));
        return Optional.of(new ClientGrant(clientId, scopes));
    }

    private static TokenSubject clientSubject(JWTClaimsSet claims, String clientId) throws ClaimsRejected {
        for (String userClaim : List.of(AccessTokenClaimNames.ROLE, AccessTokenClaimNames.USERNAME, AccessTokenClaimNames.NAME,
                AccessTokenClaimNames.SESSION_ID, AccessTokenClaimNames.REFRESH_FAMILY)) {
            if (claims.getClaim(userClaim) != null) {
                throw new ClaimsRejected(InvalidToken.INVALID_CLAIMS);
            }
        }
        return new TokenSubject.Client(clientId);
    }

    private static TokenSubject userSubject(JWTClaimsSet claims, String sub) throws ParseException, ClaimsRejected {
        Role role = Role.fromWireName(claims.getStringClaim(AccessTokenClaimNames.ROLE))
                .orElseThrow(() -> new ClaimsRejected(InvalidToken.INVALID_CLAIMS));
        return new TokenSubject.User(UUID.fromString(sub), Optional.ofNullable(claims.getStringClaim(AccessTokenClaimNames.USERNAME)),
                Optional.ofNullable(claims.getStringClaim(AccessTokenClaimNames.NAME)), role);
    }

    private static Instant required(Date date) throws ClaimsRejected {
        if (date == null) {
            throw new ClaimsRejected(InvalidToken.INVALID_CLAIMS);
        }
        return date.toInstant();
    }

    private static String requiredText(String text) throws ClaimsRejected {
        if (text == null || text.isBlank()) {
            throw new ClaimsRejected(InvalidToken.INVALID_CLAIMS);
        }
        return text;
    }
}
