package dev.gatehouse.http;

import dev.gatehouse.core.account.AccountService;
import dev.gatehouse.core.account.RoleChange;
import dev.gatehouse.core.authn.AuthResult;
import dev.gatehouse.core.problem.ProblemCode;
import dev.gatehouse.core.session.Session;
import dev.gatehouse.core.user.NewUser;
import dev.gatehouse.core.user.PasswordChange;
import dev.gatehouse.core.user.Registration;
import dev.gatehouse.core.user.Role;
import dev.gatehouse.core.user.User;
import dev.gatehouse.core.user.UserNames;
import dev.gatehouse.core.user.UserService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Registration and user records. */
final class UserRoutes {
    private static final int DEFAULT_PAGE_SIZE = 20;
    private static final int MAX_PAGE_SIZE = 100;
    /** What {@code PUT /users/{id}} reads; anything else is refused, never ignored. */
    private static final Set<String> UPDATE_FIELDS = Set.of("first_name", "last_name", "name", "new_password", "password",
            "current_password", "role");

    private final HttpParts parts;
    private final UserService users;
    private final AccountService accounts;
    private final Registrations registrations;

    UserRoutes(HttpParts parts, UserService users, AccountService accounts, Registrations registrations) {
        this.parts = parts;
        this.users = users;
        this.accounts = accounts;
        this.registrations = registrations;
    }

    void register(RoutesConfig routes) {
        routes.post(HttpParts.API + "/users", this::create);
        routes.get(HttpParts.API + "/users", this::list);
        routes.get(HttpParts.API + "/users/me", this::me);
        routes.get(HttpParts.API + "/users/{id}", this::get);
        routes.put(HttpParts.API + "/users/{id}", this::update);
        routes.delete(HttpParts.API + "/users/{id}", this::delete);
    }

    private void create(Context ctx) {
        if (!registrations.requireAllowed(ctx)) {
            // Only registrations nobody vouches for are limited: an admin creating accounts is not a stranger.
            parts.logins().admitRegistration(ctx);
        }
        RequestFields fields = parts.bodies().read(ctx);
        Role role = requestedRole(ctx, fields);
        String password = fields.required("password");
        // Absent is missing_field, as at login; only a value that is present but wrong is invalid_field.
        if (fields.nonBlank("email").isEmpty() && fields.nonBlank("username").isEmpty()) {
            throw new ApiProblem(ProblemCode.MISSING_FIELD, "field 'email' or 'username' is required");
        }
        NewUser request = new NewUser(fields.optional("email"), fields.optional("username"), password, names(fields), role);
        switch (users.register(request)) {
            case Registration.Registered r -> ctx.status(201).header("Location", HttpParts.API + "/users/" + r.user().id()).json(UserView.of(r.user()));
            case Registration.Conflict c -> throw new ApiProblem(ProblemCode.USER_EXISTS, "a user with this email or username already exists");
            case Registration.Invalid i -> throw new ApiProblem(ProblemCode.INVALID_FIELD, i.message());
        }
    }

    /** A common user unless asked otherwise; only an admin may create another admin, whatever the registration mode. */
    private Role requestedRole(Context ctx, RequestFields fields) {
        Optional<String> asked = fields.nonBlank("role");
        if (asked.isEmpty()) {
            return Role.COMMON;
        }
        Role role = Role.fromWireName(asked.get()).orElseThrow(() -> new ApiProblem(ProblemCode.INVALID_FIELD, "role must be common or admin"));
        if (role == Role.ADMIN) {
            parts.guard().requireAdmin(ctx);
        }
        return role;
    }

    private void me(Context ctx) {
        ctx.json(UserView.of(parts.guard().require(ctx).user()));
    }

    private void list(Context ctx) {
        parts.guard().requireAdmin(ctx);
        int page = positiveQueryInt(ctx, "page", 1, Integer.MAX_VALUE / MAX_PAGE_SIZE);
        int perPage = positiveQueryInt(ctx, "per_page", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        List<UserView> views = users.list((page - 1) * perPage, perPage).stream().map(UserView::of).toList();
        ctx.json(new UserPage(views, page, perPage, users.count()));
    }

    private void get(Context ctx) {
        UUID id = PathIds.uuid(ctx, "id");
        parts.guard().requireSelfOrAdmin(ctx, id);
        ctx.json(UserView.of(users.find(id).orElseThrow(() -> ApiProblem.notFound("no such user"))));
    }

    /**
     * Updates names (fields present replace, an empty string clears), with new_password the
     * password (the user themself must give current_password, an admin changing someone else's
     * need not; a changed password ends the user's other sessions and tokens), and with role the
     * role (admins only, never their own). Unknown fields are refused before anything changes.
     */
    private void update(Context ctx) {
        UUID id = PathIds.uuid(ctx, "id");
        AuthResult.Authenticated caller = parts.guard().requireSelfOrAdmin(ctx, id);
        RequestFields fields = parts.bodies().read(ctx);
        fields.refuseOthersThan(UPDATE_FIELDS);
        User user = users.find(id).orElseThrow(() -> ApiProblem.notFound("no such user"));
        Optional<Role> newRole = roleChange(caller, user, fields);
        UserNames names = new UserNames(
                replaced(fields, "first_name", user.firstName()),
                replaced(fields, "last_name", user.lastName()),
                replaced(fields, "name", user.name()));
        users.namesViolation(names).ifPresent(i -> {
            throw new ApiProblem(ProblemCode.INVALID_FIELD, i.message());
        });
        Optional<String> newPassword = fields.optional("new_password").or(() -> fields.optional("password"));
        if (newPassword.isPresent()) {
            changePassword(ctx, caller, id, fields, newPassword.get());
        }
        newRole.ifPresent(role -> changeRole(id, role));
        User updated = users.updateNames(id, names).orElseThrow(() -> ApiProblem.notFound("no such user"));
        ctx.json(UserView.of(updated));
    }

    /** The role asked for when it differs from the user's; refused unless an admin asks it for someone else. */
    private static Optional<Role> roleChange(AuthResult.Authenticated caller, User user, RequestFields fields) {
        if (!fields.has("role")) {
            return Optional.empty();
        }
        Role role = fields.nonBlank("role").flatMap(Role::fromWireName)
                .orElseThrow(() -> new ApiProblem(ProblemCode.INVALID_FIELD, "role must be common or admin"));
        if (role == user.role()) {
            // Sending back the user as it was read is no change, and needs no right to make one.
            return Optional.empty();
        }
        if (caller.user().role() != Role.ADMIN) {
            throw ApiProblem.forbidden("only an admin may change a role");
        }
        if (caller.user().id().equals(user.id())) {
            throw ApiProblem.forbidden("an admin cannot change their own role; another admin can");
        }
        return Optional.of(role);
    }

    private void changeRole(UUID id, Role role) {
        switch (accounts.changeRole(id, role)) {
            case RoleChange.Changed c -> { }
            case RoleChange.UserNotFound n -> throw ApiProblem.notFound("no such user");
            case RoleChange.LastAdmin l -> throw new ApiProblem(ProblemCode.LAST_ADMIN, "this user is the only admin; make another admin first");
        }
    }

    private void changePassword(Context ctx, AuthResult.Authenticated caller, UUID id, RequestFields fields, String newPassword) {
        boolean self = caller.user().id().equals(id);
        PasswordChange result = self
                ? parts.logins().changeOwnPassword(ctx, caller.user(),
                        () -> accounts.changePassword(id, fields.required("current_password"), newPassword, caller.session().map(Session::id)))
                : accounts.setPassword(id, newPassword);
        switch (result) {
            case PasswordChange.Changed c -> { }
            case PasswordChange.WrongCurrentPassword w -> throw ApiProblem.forbidden("current_password is wrong");
            case PasswordChange.Invalid i -> throw new ApiProblem(ProblemCode.INVALID_FIELD, i.message());
            case PasswordChange.UserNotFound n -> throw ApiProblem.notFound("no such user");
        }
    }

    private void delete(Context ctx) {
        UUID id = PathIds.uuid(ctx, "id");
        AuthResult.Authenticated caller = parts.guard().requireSelfOrAdmin(ctx, id);
        if (!accounts.deleteUser(id)) {
            throw ApiProblem.notFound("no such user");
        }
        if (caller.user().id().equals(id)) {
            parts.cookies().clear(ctx);
        }
        ctx.status(204);
    }

    private static UserNames names(RequestFields fields) {
        return new UserNames(fields.nonBlank("first_name"), fields.nonBlank("last_name"), fields.nonBlank("name"));
    }

    private static Optional<String> replaced(RequestFields fields, String field, Optional<String> current) {
        return fields.has(field) ? fields.nonBlank(field) : current;
    }

    private static int positiveQueryInt(Context ctx, String name, int fallback, int max) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // fall through to the problem below
        }
        throw new ApiProblem(ProblemCode.INVALID_QUERY, name + " must be a whole number from 1 to " + max);
    }

    record UserPage(List<UserView> users, int page, int perPage, long total) {
    }
}
