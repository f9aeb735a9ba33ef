package dev.gatehouse.http;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.gatehouse.core.authn.TokenPair;
import dev.gatehouse.core.user.User;

/** A sign-in's answer when tokens are on: the user's fields and, beside them, the OAuth 2 token fields. */
record LoginWithTokens(@JsonUnwrapped UserView user, @JsonUnwrapped TokenResponse tokens) {
    static LoginWithTokens of(User user, TokenPair pair) {
        return new LoginWithTokens(UserView.of(user), TokenResponse.of(pair));
    }
}
