package dev.gatehouse.oidc;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimNames;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.spi.TokenHashes;
import dev.gatehouse.core.spi.UsedAssertionStore;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a client assertion ({@code private_key_jwt}, RFC 7523 sections 2.2 and 3, OpenID
 * Connect Core section 9): a JWT the client signed with one of the keys it registered, with
 * {@code iss} and {@code sub} its client id, {@code aud} this server's issuer identifier, an
 * {@code exp} at most ten minutes ahead, and a {@code jti} never seen before.
 *
 * <p>The audience is the issuer alone, as one value: an assertion made for the token endpoint's URL
 * or for several audiences could have been made for another server that named this one's endpoint
 * as its own (the audience injection of OpenID's 2025 advisory), and is refused. The signature and
 * the claims are checked by the JOSE library, at the provider's clock.
 */
final class ClientAssertions {
    /** How far ahead an assertion's expiry may be: the bound on how long its {@code jti} is remembered. */
    static final Duration MAX_LIFETIME = Duration.ofMinutes(10);
    /** How far the client's clock may be off: an assertion is taken this long past its {@code exp}. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512, JWSAlgorithm.PS256,
            JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512, JWSAlgorithm.EdDSA,
            JWSAlgorithm.Ed25519);
    private static final Set<String> REQUIRED = Set.of(JWTClaimNames.ISSUER, JWTClaimNames.SUBJECT, JWTClaimNames.AUDIENCE,
            JWTClaimNames.EXPIRATION_TIME, JWTClaimNames.JWT_ID);

    private final ClientRegistry clients;
    private final UsedAssertionStore used;
    private final String issuer;
    private final Clock clock;

    ClientAssertions(ClientRegistry clients, UsedAssertionStore used, String issuer, Clock clock) {
        this.clients = clients;
        this.used = used;
        this.issuer = issuer;
        this.clock = clock;
    }

    /**
     * The client the assertion authenticates.
     *
     * @param assertion the assertion as the SDK read it from the request
     * @return the client, or empty when the client is unknown, has no keys, or the assertion fails a check or was used before
     */
    Optional<Client> authenticate(PrivateKeyJWT assertion) {
        String clientId = assertion.getClientID().getValue();
        Optional<Client> client = clients.find(clientId).filter(Client::authenticatesWithKeys);
        if (client.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        JWTClaimsSet claims;
        try {
            claims = processor(client.get(), now).process(assertion.getClientAssertion(), null);
        } catch (Exception e) {
            // Any failure (bad signature, unknown key, a claim off) is the same refusal: nothing to tell a caller.
            return Optional.empty();
        }
        Instant expiry = claims.getExpirationTime().toInstant();
        if (!List.of(issuer).equals(claims.getAudience()) || expiry.isAfter(now.plus(MAX_LIFETIME))) {
            return Optional.empty();
        }
        String idHash = TokenHashes.sha256(clientId + "\n" + claims.getJWTID());
        // Remembered as long as it could be accepted: past its exp by the clock skew the check allows.
        return used.markUsed(idHash, expiry.plus(CLOCK_SKEW)) ? client : Optional.empty();
    }

    private DefaultJWTProcessor<SecurityContext> processor(Client client, Instant now) throws ParseException {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, null));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS,
                new ImmutableJWKSet<>(JWKSet.parse(client.jwks().orElseThrow()))));
        JWTClaimsSet exact = new JWTClaimsSet.Builder().issuer(client.id()).subject(client.id()).build();
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(Set.of(issuer), exact, REQUIRED, null) {
            @Override
            protected Date currentTime() {
                return Date.from(now);
            }
        };
        claims.setMaxClockSkew((int) CLOCK_SKEW.toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
        return processor;
    }
}
