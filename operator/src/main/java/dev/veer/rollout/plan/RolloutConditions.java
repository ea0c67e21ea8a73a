package dev.veer.rollout.plan;

/** Condition types and reasons of a ServiceRollout's status. */
public final class RolloutConditions {
    public static final String READY = "Ready";
    public static final String PROGRESSING = "Progressing";
    public static final String DEGRADED = "Degraded";
    public static final String INVALID_SPEC = "InvalidSpec";
    /** False while what runs is not spec.template (after spec.rollbackTo): GitOps tools see the drift. */
    public static final String TEMPLATE_IN_SYNC = "TemplateInSync";

    // Reasons
    public static final String HEALTHY = "Healthy";
    public static final String ROLLOUT_COMPLETED = "RolloutCompleted";
    public static final String DEPLOYING = "Deploying";
    public static final String WAITING_FOR_PODS = "WaitingForPods";
    public static final String SHIFTING_TRAFFIC = "ShiftingTraffic";
    public static final String TRAFFIC_ROUTER_NOT_READY = "TrafficRouterNotReady";
    public static final String STEP_RUNNING = "StepRunning";
    public static final String PAUSED_AT_STEP = "PausedAtStep";
    public static final String AWAITING_PROMOTION = "AwaitingPromotion";
    public static final String PAUSED_BY_SPEC = "PausedBySpec";
    public static final String PROMOTING = "Promoting";
    public static final String ABORTING = "Aborting";
    public static final String WAITING_FOR_STABLE_CAPACITY = "WaitingForStableCapacity";
    public static final String SCALING_STABLE = "ScalingStable";
    public static final String VALID = "Valid";
    public static final String NOT_DEGRADED = "NotDegraded";
    public static final String ANALYSIS_RUNNING = "AnalysisRunning";
    public static final String ANALYSIS_INCONCLUSIVE = "AnalysisInconclusive";

    // Reasons of an abort (also Degraded's reason)
    public static final String ABORTED_BY_USER = "AbortedByUser";
    public static final String PROGRESS_DEADLINE_EXCEEDED = "ProgressDeadlineExceeded";
    public static final String TEMPLATE_REVERTED = "TemplateReverted";
    public static final String ANALYSIS_FAILED = "AnalysisFailed";
    /** An Alertmanager alert naming the rollout fired (dev.veer.alerts); the message quotes the alert. */
    public static final String ALERT_FIRING = "AlertFiring";

    // Reasons of InvalidSpec
    public static final String HEADER_ROUTE_UNSUPPORTED = "HeaderRouteUnsupported";
    public static final String STRATEGY_MISSING = "StrategyMissing";
    public static final String SERVICE_NAME_CONFLICT = "ServiceNameConflict";
    public static final String ROLLBACK_REVISION_NOT_FOUND = "RollbackRevisionNotFound";
    public static final String ANALYSIS_INVALID = "AnalysisInvalid";
    /** A ConfigWatch that spec.configFrom names does not exist or has no version yet. */
    public static final String CONFIG_NOT_READY = "ConfigNotReady";
    public static final String CONFIG_FROM_INVALID = "ConfigFromInvalid";
    /**
     * An object the rollout needs (a slot Deployment or Service, the stable or preview Service, the canary Ingress, a
     * Snapshot) exists and is not Veer's, or the route it names belongs to another controller; also Ready's reason.
     */
    public static final String NAME_IN_USE = dev.veer.common.NameInUseException.REASON;

    // Reasons of TemplateInSync
    public static final String IN_SYNC = "InSync";
    public static final String ROLLED_BACK = "RolledBack";

    private RolloutConditions() {
    }
}
