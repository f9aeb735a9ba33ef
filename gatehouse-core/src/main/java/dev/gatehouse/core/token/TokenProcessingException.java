package dev.gatehouse.core.token;

/**
 * "We failed", not "the token is bad": the key source threw, a configured key cannot build a
 * signer or verifier, the crypto provider broke. Callers answer 500/503 and must not treat the
 * token as valid. The message names the operation, never key material or the token.
 */
public class TokenProcessingException extends RuntimeException {
    /**
     * A failure on our side.
     *
     * @param message names the operation; never key material or the token
     * @param cause what failed, or null when nothing was thrown
     */
    public TokenProcessingException(String message, Throwable cause) {
        super(message, cause);
    }
}
