package dev.gatehouse.core.client;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * An authorization code as the provider keeps it: issued at the authorization endpoint to one
 * client, for one user's sign-in, exchanged once at the token endpoint. Only the code's hash is
 * kept, so a copy of the store redeems nothing.
 *
 * <p>The exchange must present the same client, the same redirect URI and, when a challenge was
 * given, the PKCE verifier that hashes to it (RFC 7636, {@code S256} only). A code used a second
 * time is refused and what its first use issued is revoked (RFC 6749 section 4.1.2), which is why
 * the ids of those tokens are kept with it.
 *
 * @param codeHash SHA-256 of the code (unpadded base64url); hidden from {@link #toString}
 * @param clientId the client it was issued to
 * @param userId the user who signed in
 * @param sessionId the browser session the user signed in with, for {@code sid} and logout
 * @param redirectUri the redirect URI of the request, exactly as sent
 * @param scopes the scopes granted
 * @param nonce the request's {@code nonce}, echoed in the ID token
 * @param codeChallenge the request's S256 {@code code_challenge}, if it gave one
 * @param authTime when the user last signed in, for {@code auth_time}
 * @param issuedAt when the code was issued
 * @param expiresAt when it stops being exchangeable
 * @param redeemedAt when it was first exchanged, if it was
 * @param issuedFamilyId the refresh token family its exchange issued, if any
 * @param issuedAccessTokenId the {@code jti} of the access token its exchange issued, if any
 */
public record AuthorizationCode(String codeHash, String clientId, UUID userId, UUID sessionId, String redirectUri, Set<String> scopes,
                                Optional<String> nonce, Optional<String> codeChallenge, Instant authTime, Instant issuedAt,
                                Instant expiresAt, Optional<Instant> redeemedAt, Optional<UUID> issuedFamilyId,
                                Optional<String> issuedAccessTokenId) {
    /** Copies the scopes and refuses missing values and an expiry not after issue. */
    public AuthorizationCode {
        Objects.requireNonNull(codeHash, "codeHash");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(redirectUri, "redirectUri");
        scopes = ScopeNames.requireValid(scopes);
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(codeChallenge, "codeChallenge");
        Objects.requireNonNull(authTime, "authTime");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(redeemedAt, "redeemedAt");
        Objects.requireNonNull(issuedFamilyId, "issuedFamilyId");
        Objects.requireNonNull(issuedAccessTokenId, "issuedAccessTokenId");
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("a code expires after it is issued");
        }
    }

    /**
     * Whether the code may still be exchanged at {@code now}, leaving aside whether it was.
     *
     * @param now the time of the exchange
     * @return true before its expiry
     */
    public boolean isLiveAt(Instant now) {
        return now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "AuthorizationCode[clientId=" + clientId + ", userId=" + userId + ", scopes=" + scopes + ", expiresAt=" + expiresAt
                + ", redeemedAt=" + redeemedAt + "]";
    }
}
