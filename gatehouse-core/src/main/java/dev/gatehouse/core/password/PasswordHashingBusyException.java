package dev.gatehouse.core.password;

/**
 * Every hashing slot stayed taken for longer than the caller may wait. Answered as 503 with
 * Retry-After: under overload, refusing quickly keeps latency bounded and memory flat.
 */
public final class PasswordHashingBusyException extends RuntimeException {
    /** A refusal; the message says only that hashing is at capacity. */
    public PasswordHashingBusyException() {
        super("password hashing is at capacity");
    }
}
