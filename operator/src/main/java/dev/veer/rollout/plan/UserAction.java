package dev.veer.rollout.plan;

import java.util.Arrays;
import java.util.Optional;

/** A command a user gives a rollout with the {@code veer.dev/action} annotation. */
public enum UserAction {
    /** Go past the current pause (or promote a blue-green preview). */
    PROMOTE("promote"),
    /** Skip the remaining steps and promote now. */
    PROMOTE_FULL("promote-full"),
    /** Return all traffic to the stable version and hold the new one. */
    ABORT("abort"),
    /** Start an aborted rollout again from its first step. */
    RETRY("retry");

    private final String value;

    UserAction(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    /** The action an annotation value names, if any. */
    public static Optional<UserAction> parse(String value) {
        return Arrays.stream(values()).filter(a -> a.value.equals(value)).findFirst();
    }
}
