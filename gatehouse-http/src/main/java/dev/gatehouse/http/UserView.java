package dev.gatehouse.http;

import dev.gatehouse.core.user.User;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A user as the API shows it: never the password or its hash. */
record UserView(UUID id, Optional<String> email, Optional<String> username, Optional<String> firstName,
                Optional<String> lastName, Optional<String> name, String role, Instant createdAt, Instant updatedAt) {
    static UserView of(User user) {
        return new UserView(user.id(), user.email(), user.username(), user.firstName(), user.lastName(), user.name(),
                user.role().wireName(), user.createdAt(), user.updatedAt());
    }
}
