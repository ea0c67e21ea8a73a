package dev.veer.rollout.plan;

/**
 * Why a ServiceRollout's spec cannot be used at all, found from the spec alone (no cluster state): the reason of the
 * {@code InvalidSpec} condition, each naming the field, with the message beside it. The CRD's schema and CEL rules
 * refuse these on a real API server; the reconciler checks them again (defence in depth: a server without CEL, an
 * object stored before the CRD changed), and then reports instead of acting.
 */
public enum InvalidSpecReason {
    /** spec.template is missing or has no containers. */
    MISSING_TEMPLATE("MissingTemplate", "spec.template must be a pod template with at least one container"),
    /** spec.service is missing or has no ports. */
    MISSING_SERVICE("MissingService", "spec.service must list at least one port"),
    /** spec.strategy sets neither canary nor blueGreen. */
    STRATEGY_MISSING(RolloutConditions.STRATEGY_MISSING, "spec.strategy must set exactly one of canary or blueGreen"),
    /** spec.strategy sets both canary and blueGreen. */
    BOTH_STRATEGIES("BothStrategies", "spec.strategy sets both canary and blueGreen: set exactly one"),
    /** A canary step's setWeight is outside 0..100. */
    INVALID_WEIGHT("InvalidWeight", "spec.strategy.canary.steps[%d].setWeight is %d: it must be within 0..100"),
    /** A canary step's pause duration does not parse. */
    INVALID_DURATION("InvalidDuration",
            "spec.strategy.canary.steps[%d].pause.duration '%s' is not a duration (for example 30s, 5m, 1h30m)"),
    /** A canary step sets none or several of setWeight, pause, setHeaderRoute, analysis. */
    INVALID_STEP("InvalidStep",
            "spec.strategy.canary.steps[%d] must set exactly one of setWeight, pause, setHeaderRoute or analysis"),
    /** A negative replica count. */
    INVALID_REPLICAS("InvalidReplicas", "spec.replicas is %d: it must be 0 or more");

    private final String reason;
    private final String message;

    InvalidSpecReason(String reason, String message) {
        this.reason = reason;
        this.message = message;
    }

    /** The condition reason, for example {@code InvalidWeight}. */
    public String reason() {
        return reason;
    }

    /** This reason as a problem, its message filled with {@code args}. */
    public SpecCheck.Problem problem(Object... args) {
        return new SpecCheck.Problem(reason, message.formatted(args));
    }
}
