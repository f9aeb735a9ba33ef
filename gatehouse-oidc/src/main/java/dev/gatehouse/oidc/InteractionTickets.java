package dev.gatehouse.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Carries an authorization request across the sign-in and consent pages without keeping it on the
 * server: the request's parameters, when the browser was sent on, and for the consent page the
 * session that was asked, in a ticket MAC'd with a server secret (HS256 through the JOSE
 * library). A ticket can be neither made nor changed without the secret, and lasts
 * {@link #TTL}; any instance sharing the store's secret reads it.
 *
 * <p>Why a ticket: after signing in, the browser must come back to the same request, and the
 * request must then count only a sign-in made after it was sent to sign in ({@code prompt=login},
 * {@code max_age}); the time it was sent is in the ticket. The consent page's answer must be the
 * signed-in user's own: the ticket names their session, and an answer posted from another session
 * is refused.
 */
public final class InteractionTickets {
    /** Time enough to type a password or read a consent page. */
    public static final Duration TTL = Duration.ofMinutes(15);
    /** The name of the ticket key among the server's secrets. */
    public static final String SECRET_NAME = "openid_interaction_secret";
    /** The ticket key's length: a full-strength HS256 key. */
    public static final int SECRET_BYTES = 32;
    private static final JOSEObjectType TYPE = new JOSEObjectType("gatehouse-interaction+jwt");
    private static final String PARAMETERS = "prm";
    private static final String PURPOSE = "use";
    private static final String SESSION = "sid";

    private final MACSigner signer;
    private final MACVerifier verifier;
    private final Clock clock;

    /**
     * Tickets under {@code secret}.
     *
     * @param secret at least {@value #SECRET_BYTES} random bytes, the same on every instance
     * @param clock  the time tickets are issued and judged at
     * @throws IllegalArgumentException when the secret is shorter
     */
    public InteractionTickets(byte[] secret, Clock clock) {
        if (secret.length < SECRET_BYTES) {
            throw new IllegalArgumentException("the interaction secret must have at least " + SECRET_BYTES + " bytes");
        }
        try {
            this.signer = new MACSigner(secret);
            this.verifier = new MACVerifier(secret);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the interaction secret is unusable", e);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What a ticket is for: each page takes only its own, so one page's ticket answers no other. */
    public enum Purpose {
        /** Back from the sign-in page to the authorization request. */
        SIGN_IN,
        /** The consent page's answer. */
        CONSENT,
        /** The sign-out confirmation's answer. */
        SIGN_OUT
    }

    /**
     * A request in a ticket.
     *
     * @param parameters the authorization request's parameters
     * @param issuedAt   when the ticket was made: when the browser was sent to sign in or to consent
     * @param sessionId  the session asked for consent; empty for a sign-in ticket
     */
    public record Ticket(Map<String, String> parameters, Instant issuedAt, Optional<UUID> sessionId) {
        /** Copies the parameters. */
        public Ticket {
            parameters = Map.copyOf(parameters);
            Objects.requireNonNull(issuedAt, "issuedAt");
            Objects.requireNonNull(sessionId, "sessionId");
        }
    }

    /**
     * Makes a ticket.
     *
     * @param purpose    the page it is for
     * @param parameters the request's parameters
     * @param sessionId  the session asked for consent, or empty for a sign-in
     * @return the ticket, URL-safe
     */
    public String issue(Purpose purpose, Map<String, String> parameters, Optional<UUID> sessionId) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(TTL)))
                .claim(PURPOSE, purpose.name())
                .claim(PARAMETERS, new LinkedHashMap<>(parameters));
        sessionId.ifPresent(id -> claims.claim(SESSION, id.toString()));
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(TYPE).build(), claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("an HS256 key of 32 bytes signs", e);
        }
        return jwt.serialize();
    }

    /**
     * Reads a ticket.
     *
     * @param ticket  the ticket as the browser sent it
     * @param purpose the page that reads it
     * @return the ticket, or empty when it is forged, changed, of another kind or page, expired or malformed
     */
    public Optional<Ticket> read(String ticket, Purpose purpose) {
        try {
            SignedJWT jwt = SignedJWT.parse(ticket);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !TYPE.equals(jwt.getHeader().getType())
                    || jwt.getHeader().getCriticalParams() != null || !jwt.verify(verifier)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Instant now = clock.instant();
            if (claims.getIssueTime() == null || claims.getExpirationTime() == null || !now.isBefore(claims.getExpirationTime().toInstant())
                    || !purpose.name().equals(claims.getStringClaim(PURPOSE))) {
                return Optional.empty();
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            for (Map.Entry<String, Object> entry : claims.getJSONObjectClaim(PARAMETERS).entrySet()) {
                if (!(entry.getValue() instanceof String value)) {
                    return Optional.empty();
                }
                parameters.put(entry.getKey(), value);
            }
            String session = claims.getStringClaim(SESSION);
            return Optional.of(new Ticket(parameters, claims.getIssueTime().toInstant(), Optional.ofNullable(session).map(UUID::fromString)));
        } catch (ParseException | JOSEException | IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
