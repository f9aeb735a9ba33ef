package dev.gatehouse.server;

/** A command that cannot do what was asked, for a reason the user can fix; printed without a stack trace. */
final class CliException extends RuntimeException {
    CliException(String message) {
        super(message);
    }
}
