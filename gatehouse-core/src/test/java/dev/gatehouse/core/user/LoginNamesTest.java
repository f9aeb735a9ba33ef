package dev.gatehouse.core.user;

import dev.gatehouse.core.TestHashers;
import dev.gatehouse.core.memory.InMemoryUserStore;
import dev.gatehouse.core.support.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Emails and usernames that look alike, or that a program trims, are one account or refused: never a second account. */
class LoginNamesTest {
    private static final String PASSWORD = "correct horse battery";
    private static final String ROOT = "root@example.org";

    private final InMemoryUserStore store = new InMemoryUserStore();
    private final UserService users = new UserService(store, TestHashers.fast(), MutableClock.atFixedStart());
    private User root;

    @BeforeEach
    void registerRoot() {
        root = ((Registration.Registered) users.register(newUser(ROOT, "root"))).user();
    }

    private static NewUser newUser(String email, String username) {
        return new NewUser(Optional.ofNullable(email), Optional.ofNullable(username), PASSWORD, UserNames.none(), Role.COMMON);
    }

    private Registration.Invalid refused(String email, String username) {
        Registration result = users.register(newUser(email, username));
        assertThat(result).as("%s / %s", email, username).isInstanceOf(Registration.Invalid.class);
        assertThat(users.count()).isEqualTo(1);
        return (Registration.Invalid) result;
    }

    /** No-break space, next line, line separator, zero-width space, left-to-right mark, byte order mark, Hangul filler, tab, NUL, a lone surrogate, an unassigned code point, private use. */
    @ParameterizedTest
    @ValueSource(strings = {"\u00A0", "\u0085", "\u2028", "\u2029", "\u200B", "\u200E", "\uFEFF", "\u3164", "\t", "\u0000", "\uD800", "\u0378", "\uE000"})
    void anEmailHoldingAnInvisibleOrSpaceCharacterIsRefusedWhereverItStands(String character) {
        for (String email : new String[] {ROOT + character, character + ROOT, "ro" + character + "ot@example.org", "root@exa" + character + "mple.org"}) {
            Registration.Invalid invalid = refused(email, null);
            assertThat(invalid.field()).isEqualTo("email");
            assertThat(invalid.message()).contains("U+%04X".formatted(character.codePointAt(0))).doesNotContain("root");
            assertThat(users.findByLogin(email)).as("no sign-in by it either").isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u00A0", "\u0085", "\u2028", "\u200B", "\u200E", "\uFEFF"})
    void aUsernameHoldingOneIsRefusedWithTheSameReason(String character) {
        for (String username : new String[] {"root" + character, character + "root", "ro" + character + "ot"}) {
            assertThat(refused(null, username).message()).startsWith("username must not hold").contains("U+");
        }
    }

    @Test
    void fullwidthLettersAreTheSameAccount() {
        assertThat(users.register(newUser("\uFF52\uFF4F\uFF4F\uFF54@example.org", null))).isInstanceOf(Registration.Conflict.class);
        assertThat(users.register(newUser(null, "\uFF32\uFF4F\uFF4F\uFF54"))).isInstanceOf(Registration.Conflict.class);
        assertThat(users.findByLogin("\uFF52\uFF4F\uFF4F\uFF54@\uFF45xample.org")).contains(root);
        assertThat(users.count()).isEqualTo(1);
    }

    @Test
    void theKelvinSignAndTheDotlessIAreTheLettersACaseInsensitiveComparisonTakesThemFor() {
        User kim = ((Registration.Registered) users.register(newUser("kim@example.org", "admin"))).user();

        assertThat(users.register(newUser("\u212Aim@example.org", null))).as("Kelvin sign").isInstanceOf(Registration.Conflict.class);
        assertThat(users.register(newUser("adm\u0131n@example.org", "adm\u0131n"))).as("dotless i").isInstanceOf(Registration.Conflict.class);
        assertThat(users.register(newUser(null, "ADM\u0130N"))).as("dotted capital I").isInstanceOf(Registration.Conflict.class);
        assertThat(users.findByLogin("\u212AIM@example.org")).contains(kim);
        assertThat(users.findByLogin("adm\u0131n")).contains(kim);
        assertThat("adm\u0131n".equalsIgnoreCase("admin")).as("why they must be one account").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Stra\u00DFe@Example.org", "\uFF52\uFF4F\uFF4F\uFF54@example.org", "\u212Aelvin@example.org", "ADM\u0130N@example.org",
            "\u039F\u0394\u039F\u03A3@example.org", "zo\u00EB@ex\u00E4mple.de", "zoe\u0308@exa\u0308mple.de", "\uFB01le@example.org", "\u2460@example.org"})
    void theNormalFormIsAFixedPoint(String email) {
        String once = UserFields.normalise(email).orElseThrow();
        assertThat(UserFields.normalise(once)).contains(once);
        assertThat(once).isEqualTo(once.toLowerCase(java.util.Locale.ROOT)).isEqualTo(java.text.Normalizer.normalize(once, java.text.Normalizer.Form.NFKC));
    }

    @Test
    void composedAndDecomposedFormsAreOneAccountAndStoredComposed() {
        User zoe = ((Registration.Registered) users.register(newUser("zoe\u0308@example.de", null))).user();
        assertThat(zoe.email()).contains("zo\u00EB@example.de");
        assertThat(users.register(newUser("ZO\u00CB@example.de", null))).isInstanceOf(Registration.Conflict.class);
    }

    @Test
    void spacesAroundAreDroppedAndOtherWhiteSpaceAroundIsRefused() {
        assertThat(users.register(newUser("  " + ROOT + " ", null))).isInstanceOf(Registration.Conflict.class);
        assertThat(users.findByLogin(" ROOT ")).contains(root);
        assertThat(refused(ROOT + "\n", null).message()).contains("U+000A");
    }
}
