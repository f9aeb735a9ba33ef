package dev.gatehouse.core.ratelimit;

import java.time.Duration;
import java.util.Objects;

/** Whether a sign-in may be tried now. */
public sealed interface ThrottleVerdict {
    record Allowed() implements ThrottleVerdict {
    }

    /** Too many failures lately: refuse without checking the password, until {@code retryAfter} has passed. */
    record Refused(Duration retryAfter) implements ThrottleVerdict {
        public Refused {
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }
}
