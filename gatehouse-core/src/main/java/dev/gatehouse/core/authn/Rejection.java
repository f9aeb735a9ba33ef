package dev.gatehouse.core.authn;

import dev.gatehouse.core.problem.ProblemCode;

/** Why a presented credential was refused, and the problem it is answered with. */
public enum Rejection {
    /** Wrong login or password: deliberately one answer for both. */
    INVALID_CREDENTIALS(ProblemCode.INVALID_CREDENTIALS),
    /** The session is unknown, ended or expired. */
    INVALID_SESSION(ProblemCode.INVALID_SESSION),
    /** The bearer token is malformed, forged, expired, revoked, or names a user or session that is gone. */
    INVALID_TOKEN(ProblemCode.INVALID_TOKEN),
    /** The credential's method is not enabled on this server. */
    METHOD_NOT_ENABLED(ProblemCode.AUTH_METHOD_NOT_ENABLED);

    private final ProblemCode problem;

    Rejection(ProblemCode problem) {
        this.problem = problem;
    }

    /**
     * The problem this rejection is answered with.
     *
     * @return the problem code, which gives the status too
     */
    public ProblemCode problem() {
        return problem;
    }

    /**
     * The stable code of {@link #problem()}.
     *
     * @return the {@code error} member, such as {@code invalid_token}
     */
    public String code() {
        return problem.code();
    }
}
