package dev.gatehouse.core.token;

import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.core.keys.SigningKey;

/** The outcome of the checks made before any signature is computed. */
sealed interface Admission {
    /** Shape, encoding and header passed; {@code key} is the one key that may verify it. */
    record Admitted(SignedJWT jws, SigningKey key) implements Admission {
    }

    record Refused(InvalidToken reason) implements Admission {
    }
}
