package dev.gatehouse.examples.embedded;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.authn.AuthMethod;
import dev.gatehouse.core.authn.AuthResult;
import dev.gatehouse.core.authn.Credential;
import dev.gatehouse.core.authn.TokenAuthority;
import dev.gatehouse.core.authn.TokenPair;
import dev.gatehouse.core.keys.KeySource;
import dev.gatehouse.core.keys.SigningAlgorithm;
import dev.gatehouse.core.memory.InMemoryBackend;
import dev.gatehouse.core.session.ClientInfo;
import dev.gatehouse.core.session.StartedSession;
import dev.gatehouse.core.token.AccessTokenSettings;
import dev.gatehouse.core.user.NewUser;
import dev.gatehouse.core.user.PasswordChange;
import dev.gatehouse.core.user.Registration;
import dev.gatehouse.core.user.Role;
import dev.gatehouse.core.user.User;
import dev.gatehouse.core.user.UserNames;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;

/**
 * Gatehouse as a library in a plain Java program: register a user, sign in, check the session
 * and a bearer token, then change the password, which ends the other session and every token.
 */
public final class EmbeddedExample {
    static final String PASSWORD = "correct horse battery staple";
    static final String NEW_PASSWORD = "a different horse entirely";

    /** What each step found; the test reads it, {@link #main} prints it. */
    record Outcome(boolean sessionAccepted, boolean bearerAccepted, boolean passwordChanged,
                   boolean otherSessionAcceptedAfterChange, boolean bearerAcceptedAfterChange, boolean newPasswordSignsIn) {
    }

    public static void main(String[] args) {
        Outcome outcome = run(System.out);
        boolean asExpected = outcome.sessionAccepted() && outcome.bearerAccepted() && outcome.passwordChanged()
                && !outcome.otherSessionAcceptedAfterChange() && !outcome.bearerAcceptedAfterChange() && outcome.newPasswordSignsIn();
        System.out.println(asExpected ? "Everything behaved as documented." : "Something did not behave as documented: " + outcome);
        System.exit(asExpected ? 0 : 1);
    }

    static Outcome run(PrintStream out) {
        // In memory for the example; gatehouse-store-jdbc's backend keeps the same state in SQLite or PostgreSQL.
        try (InMemoryBackend stores = InMemoryBackend.create()) {
            Gatehouse gatehouse = Gatehouse.builder(stores)
                    .authMethods(AuthMethod.SESSION, AuthMethod.BEARER)
                    // Keys are generated, kept in the backend's key store and rotated through gatehouse.keyRotator().
                    .tokens(new KeySource.Generated(SigningAlgorithm.ES256, Duration.ofDays(30), Optional.empty()),
                            new AccessTokenSettings("https://auth.example.com", "my-app", Duration.ofMinutes(15)), Duration.ofDays(30))
                    .build();
            TokenAuthority tokens = gatehouse.tokens().orElseThrow();

            Registration registration = gatehouse.users().register(
                    new NewUser(Optional.of("ada@example.com"), Optional.empty(), PASSWORD, UserNames.none(), Role.COMMON));
            if (!(registration instanceof Registration.Registered registered)) {
                throw new IllegalStateException("registration refused: " + registration);
            }
            User ada = registered.user();
            out.println("registered " + ada.email().orElseThrow());

            // Signing in: the password is checked (Argon2id), then a session starts and tokens are issued for it.
            User signedIn = gatehouse.users().authenticate("ada@example.com", PASSWORD).orElseThrow();
            StartedSession laptop = gatehouse.sessions().start(signedIn.id(), ClientInfo.unknown());
            StartedSession phone = gatehouse.sessions().start(signedIn.id(), ClientInfo.unknown());
            TokenPair phoneTokens = tokens.issue(signedIn, Optional.of(phone.session()));
            out.println("signed in twice: a laptop session and a phone session with tokens");

            boolean sessionAccepted = accepted(gatehouse, new Credential.SessionCookie(laptop.token()));
            boolean bearerAccepted = accepted(gatehouse, new Credential.Bearer(phoneTokens.accessToken()));
            out.println("session accepted: " + sessionAccepted + ", bearer token accepted: " + bearerAccepted);

            // Changed from the laptop: the laptop stays signed in, everything else ends, tokens included.
            PasswordChange change = gatehouse.accounts().changePassword(ada.id(), PASSWORD, NEW_PASSWORD, Optional.of(laptop.session().id()));
            boolean changed = change instanceof PasswordChange.Changed;
            out.println("password changed: " + changed);

            boolean phoneAfter = accepted(gatehouse, new Credential.SessionCookie(phone.token()));
            boolean bearerAfter = accepted(gatehouse, new Credential.Bearer(phoneTokens.accessToken()));
            boolean newPassword = gatehouse.users().authenticate("ada@example.com", NEW_PASSWORD).isPresent();
            out.println("after the change: phone session accepted: " + phoneAfter + ", its bearer token accepted: " + bearerAfter
                    + ", laptop session accepted: " + accepted(gatehouse, new Credential.SessionCookie(laptop.token()))
                    + ", new password signs in: " + newPassword);
            return new Outcome(sessionAccepted, bearerAccepted, changed, phoneAfter, bearerAfter, newPassword);
        }
    }

    private static boolean accepted(Gatehouse gatehouse, Credential credential) {
        return gatehouse.authenticator().authenticate(credential) instanceof AuthResult.Authenticated;
    }

    private EmbeddedExample() {
    }
}
