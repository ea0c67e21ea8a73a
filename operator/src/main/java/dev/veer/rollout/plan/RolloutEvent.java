package dev.veer.rollout.plan;

/** A Kubernetes Event a plan asks to record on the rollout. */
public record RolloutEvent(boolean warning, String reason, String message) {

    public static RolloutEvent normal(String reason, String message) {
        return new RolloutEvent(false, reason, message);
    }

    public static RolloutEvent warning(String reason, String message) {
        return new RolloutEvent(true, reason, message);
    }
}
