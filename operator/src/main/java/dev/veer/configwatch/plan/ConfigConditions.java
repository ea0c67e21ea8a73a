package dev.veer.configwatch.plan;

/** Condition types and reasons of a ConfigWatch's status (SourceReachable's reasons are in SourceStatus). */
public final class ConfigConditions {
    public static final String READY = "Ready";
    public static final String SOURCE_REACHABLE = "SourceReachable";
    public static final String DEGRADED = "Degraded";

    // Ready
    public static final String SYNCED = "Synced";
    public static final String CHANGE_PENDING = "ChangePending";
    public static final String SUSPENDED = "Suspended";
    public static final String WAITING_FOR_SOURCE = "WaitingForSource";
    public static final String SOURCE_UNAVAILABLE = "SourceUnavailable";
    public static final String INVALID_SPEC = "InvalidSpec";
    /** A Secret target's versions cannot be named: the installation key Secret can be neither read nor created. */
    public static final String INSTALLATION_KEY_UNAVAILABLE = "InstallationKeyUnavailable";
    /** Ready's reason when the target, a versioned object or a Snapshot exists and is not Veer's. */
    public static final String NAME_IN_USE = dev.veer.common.NameInUseException.REASON;

    // SourceReachable and Degraded
    public static final String CREDENTIALS_MISSING = "CredentialsMissing";

    // Degraded
    public static final String NOT_DEGRADED = "NotDegraded";
    public static final String TOO_LARGE = "TooLarge";
    public static final String KEYS_SKIPPED = "KeysSkipped";
    public static final String CONSUMER_MISSING = "ConsumerMissing";
    /** A listed ServiceRollout consumer whose spec.configFrom does not name the ConfigWatch. */
    public static final String CONFIG_FROM_MISSING = "ConfigFromMissing";

    // Ready and Degraded
    /** A revision failed in a ServiceRollout: the last good one is served again. */
    public static final String CONFIG_ROLLED_BACK = "ConfigRolledBack";
    /** A revision failed in a ServiceRollout and no earlier one was promoted: it stays. */
    public static final String CONFIG_FAILED = "ConfigFailed";

    private ConfigConditions() {
    }
}
