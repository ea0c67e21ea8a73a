package dev.veer.e2e.cluster;

/**
 * ServiceRollouts the API server must refuse, each with the CRD's own message for it. The offline test checks them
 * against the committed CRD's schema and CEL rules; the e2e test sends them to a real API server.
 */
public final class InvalidRollouts {

    /** Refused by the schema's {@code maximum: 100} of {@code setWeight}. */
    public static final String SET_WEIGHT_150 = RolloutYaml.canary("too-much", 1, "[{setWeight: 150}]", "1", 1);

    /** Refused by the CEL rule of {@code spec.strategy}. */
    public static final String BOTH_STRATEGIES = RolloutYaml.canary("both", 1, "[{setWeight: 50}]", "1", 1)
            .replace("    canary:\n", "    blueGreen: {activeService: both, previewService: both-preview}\n    canary:\n");
    public static final String BOTH_STRATEGIES_MESSAGE = "strategy must set exactly one of canary or blueGreen";

    /** Refused under {@code fieldValidation=Strict}; otherwise the structural schema prunes the field. */
    public static final String UNKNOWN_FIELD = RolloutYaml.canary("unknown", 1, "[{setWeight: 50}]", "1", 1)
            .replace("  replicas: 1\n", "  replicas: 1\n  bogusField: 3\n");
    public static final String UNKNOWN_FIELD_NAME = "bogusField";

    private InvalidRollouts() {
    }
}
