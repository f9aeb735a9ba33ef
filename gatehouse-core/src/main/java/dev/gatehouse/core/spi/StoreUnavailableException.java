package dev.gatehouse.core.spi;

/**
 * A store could not answer: unreachable, closed, or failing. Store implementations throw it (or
 * a subclass) for infrastructure faults, never for expected outcomes such as a taken email.
 * Callers must refuse the request that needed the store (fail closed): an unanswered question
 * about a session or a revocation is never read as "fine". The message names the operation and
 * never holds the values involved.
 */
public class StoreUnavailableException extends RuntimeException {
    /**
     * A failure with its cause.
     *
     * @param message names the operation; never the values involved
     * @param cause the driver's or client's exception
     */
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * A failure without a cause, such as a store that is closed.
     *
     * @param message names the operation; never the values involved
     */
    public StoreUnavailableException(String message) {
        super(message);
    }
}
