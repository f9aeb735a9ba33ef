package dev.gatehouse.core.ratelimit;

import java.time.Duration;
import java.util.Objects;

/** Whether a sign-in may be tried now. */
public sealed interface ThrottleVerdict {
    /** Go on with the attempt; after a sign-in, report its outcome to the throttle. */
    record Allowed() implements ThrottleVerdict {
    }

    /**
     * Too many failures lately: refuse without checking the password, until {@code retryAfter} has passed.
     *
     * @param retryAfter how long to wait, for a {@code Retry-After} header
     */
    record Refused(Duration retryAfter) implements ThrottleVerdict {
        /** Refuses a missing duration. */
        public Refused {
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }
}
