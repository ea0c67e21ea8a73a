package dev.veer.cli;

/** A command that cannot be carried out, with the message the user reads and a non-zero exit code. */
final class CliException extends RuntimeException {

    static final int FAILED = 1;
    /** Veer took the command but it did not do what was asked (declined, ignored, timed out). */
    static final int NOT_DONE = 3;

    private final int exitCode;

    CliException(String message) {
        this(message, FAILED);
    }

    CliException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
