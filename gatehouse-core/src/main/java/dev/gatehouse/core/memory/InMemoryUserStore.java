package dev.gatehouse.core.memory;

import dev.gatehouse.core.spi.UserStore;
import dev.gatehouse.core.user.Role;
import dev.gatehouse.core.user.User;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Users in process memory ({@code STORE=memory}): gone when the process stops. One lock keeps
 * the id, email and username indexes consistent with each other.
 */
public final class InMemoryUserStore implements UserStore {
    private static final Comparator<User> CREATION_ORDER = Comparator.comparing(User::createdAt)
            .thenComparing(u -> u.id().toString()); // the order SQL stores give: ids compared as text

    private final Map<UUID, User> byId = new HashMap<>();
    private final Map<String, UUID> byEmail = new HashMap<>();
    private final Map<String, UUID> byUsername = new HashMap<>();

    /** An empty store. */
    public InMemoryUserStore() {
    }

    @Override
    public synchronized boolean insert(User user) {
        if (byId.containsKey(user.id())
                || user.email().map(byEmail::containsKey).orElse(false)
                || user.username().map(byUsername::containsKey).orElse(false)) {
            return false;
        }
        byId.put(user.id(), user);
        user.email().ifPresent(e -> byEmail.put(e, user.id()));
        user.username().ifPresent(u -> byUsername.put(u, user.id()));
        return true;
    }

    @Override
    public synchronized Optional<User> findById(UUID id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized Optional<User> findByEmail(String email) {
        return Optional.ofNullable(byEmail.get(email)).map(byId::get);
    }

    @Override
    public synchronized Optional<User> findByUsername(String username) {
        return Optional.ofNullable(byUsername.get(username)).map(byId::get);
    }

    @Override
    public synchronized boolean update(User user) {
        User existing = byId.get(user.id());
        if (existing == null) {
            return false;
        }
        // Email and username are fixed at registration; only the mutable fields are taken.
        byId.put(user.id(), new User(existing.id(), existing.email(), existing.username(), user.firstName(), user.lastName(),
                user.name(), user.role(), user.passwordHash(), existing.createdAt(), user.updatedAt()));
        return true;
    }

    @Override
    public synchronized boolean delete(UUID id) {
        User removed = byId.remove(id);
        if (removed == null) {
            return false;
        }
        removed.email().ifPresent(byEmail::remove);
        removed.username().ifPresent(byUsername::remove);
        return true;
    }

    @Override
    public synchronized List<User> list(int offset, int limit) {
        return byId.values().stream().sorted(CREATION_ORDER).skip(offset).limit(limit).toList();
    }

    @Override
    public synchronized long count() {
        return byId.size();
    }

    @Override
    public synchronized long countWithRole(Role role) {
        return byId.values().stream().filter(u -> u.role() == role).count();
    }
}
