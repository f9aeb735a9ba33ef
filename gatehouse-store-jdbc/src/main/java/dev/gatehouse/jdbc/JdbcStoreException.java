package dev.gatehouse.jdbc;

import dev.gatehouse.core.spi.StoreUnavailableException;

/**
 * The database failed: it could not be reached, opened, migrated or queried. Not an expected
 * outcome such as a taken email (those are return values). The message names what was being
 * done and never holds the values involved nor a password; the cause keeps the driver's detail
 * for the logs.
 */
public class JdbcStoreException extends StoreUnavailableException {
    /**
     * A failure with the driver's exception behind it.
     *
     * @param message what was being done and what failed; no values and no password
     * @param cause   the driver's or pool's exception, kept for the logs
     */
    public JdbcStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * A failure found by the store itself.
     *
     * @param message what was being done and what failed; no values and no password
     */
    public JdbcStoreException(String message) {
        super(message);
    }
}
