package dev.gatehouse.core.token;

import com.nimbusds.jwt.proc.BadJWTException;

/** Carries a stable reason out of Nimbus' claims-verifier callback. */
final class ClaimsRejected extends BadJWTException {
    private final InvalidToken reason;

    ClaimsRejected(InvalidToken reason) {
        super("access token claims rejected: " + reason.code());
        this.reason = reason;
    }

    InvalidToken reason() {
        return reason;
    }
}
