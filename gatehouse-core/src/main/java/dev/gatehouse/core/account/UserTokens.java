package dev.gatehouse.core.account;

import java.util.UUID;

/**
 * Ends every token of one user: their refresh token families, and every access token issued until
 * now. The library's token authority is one; {@link AccountService} calls it on the account changes
 * that must end a user's tokens.
 */
@FunctionalInterface
public interface UserTokens {
    /**
     * Ends every refresh and access token of the user.
     *
     * @param userId the user's id
     */
    void endAll(UUID userId);
}
