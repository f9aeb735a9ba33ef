package dev.gatehouse.core.keys;

/**
 * A key was refused: unreadable, too weak, of the wrong type for its algorithm, or not matching
 * its other half. Thrown while loading configuration, so the server refuses to start rather
 * than sign with a key it cannot trust. The message says what is wrong and never holds key
 * material (no PEM text, no JWK members), so it is safe to log.
 */
public final class KeyRejectedException extends RuntimeException {
    /**
     * A refusal.
     *
     * @param message what is wrong with the key, without any key material
     */
    public KeyRejectedException(String message) {
        super(message);
    }

    /**
     * A refusal caused by a parser's or a provider's failure.
     *
     * @param message what is wrong with the key, without any key material
     * @param cause the failure, from Gatehouse's own parsers only
     */
    public KeyRejectedException(String message, Throwable cause) {
        // The cause's own message may quote input; callers pass only causes from our parsers.
        super(message, cause);
    }
}
