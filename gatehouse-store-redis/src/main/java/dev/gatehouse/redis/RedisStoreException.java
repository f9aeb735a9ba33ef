package dev.gatehouse.redis;

import dev.gatehouse.core.spi.StoreUnavailableException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;

import java.util.regex.Pattern;

/**
 * Redis failed: it could not be reached, did not answer within the command timeout, refused a
 * command, or held a record this version cannot read. Not an expected outcome such as a spent
 * token (those are return values). The message names the store and what was being done, never
 * keys, values, tokens nor a password; the cause keeps the client's detail for the logs.
 */
public class RedisStoreException extends StoreUnavailableException {
    // Redis error replies start with an upper-case code (OOM, READONLY, WRONGPASS...): safe to show, unlike the rest.
    private static final Pattern ERROR_CODE = Pattern.compile("[A-Z]{2,20}");

    /**
     * A failure with the client's exception behind it.
     *
     * @param message what failed, naming the store and the operation; no values
     * @param cause   the client's exception, kept for the logs
     */
    public RedisStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * A failure found by the store itself, such as a command issued after the stores were closed.
     *
     * @param message what failed, naming the store and the operation; no values
     */
    public RedisStoreException(String message) {
        super(message);
    }

    /** The operation of {@code store} failed in the client or in Redis. */
    static RedisStoreException failed(String store, String operation, RuntimeException e) {
        return new RedisStoreException(store + ": " + operation + " failed: " + reason(e), e);
    }

    /**
     * Why, in words that hold no values: the client's own messages are left to the cause. An
     * error reply is looked for first, since the client wraps one (a wrong password, say) in a
     * connection failure.
     */
    static String reason(RuntimeException e) {
        if (find(e, RedisCommandExecutionException.class) instanceof RedisCommandExecutionException refused) {
            return "Redis refused the command (" + errorCode(refused.getMessage()) + ")";
        }
        if (find(e, RedisCommandTimeoutException.class) != null) {
            return "Redis did not answer within the command timeout";
        }
        if (find(e, RedisConnectionException.class) != null) {
            return "Redis cannot be reached";
        }
        return "the connection to Redis is down or closed";
    }

    private static Throwable find(Throwable thrown, Class<? extends Throwable> type) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }

    private static String errorCode(String message) {
        String first = message == null ? "" : message.split(" ", 2)[0];
        return ERROR_CODE.matcher(first).matches() ? first : "error";
    }
}
