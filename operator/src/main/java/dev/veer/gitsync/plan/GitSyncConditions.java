package dev.veer.gitsync.plan;

/** Condition types of a GitSync's status and the reasons they carry. */
public final class GitSyncConditions {
    public static final String READY = "Ready";
    public static final String RECONCILING = "Reconciling";
    public static final String STALLED = "Stalled";

    /** Every reason a GitSync condition gives. */
    public enum Reason {
        /** The commit is applied (and healthy, with spec.wait). */
        Applied,
        /** Objects are being applied, or CRDs and Namespaces were applied first and the rest follows. */
        Progressing,
        /** CRDs and Namespaces applied; waiting until they are served before the rest is checked and applied. */
        ApplyingDefinitions,
        /** spec.wait: applied objects are not healthy yet. */
        WaitingForHealth,
        /** A GitSync of spec.dependsOn is not Ready. */
        DependencyNotReady,
        /** spec.suspend is set. */
        Suspended,
        /** A file is not valid YAML/JSON or a document is not a Kubernetes object. */
        InvalidManifests,
        /** The API server's dry-run refused an object: nothing was applied. */
        ValidationFailed,
        /** Writing an object failed after its dry-run passed. */
        ApplyFailed,
        /** Deleting an object that left the repository failed. */
        PruneFailed,
        /** A ${VAR} has neither a value nor a default, or a substituteFrom object is missing. */
        SubstitutionFailed,
        /** The credentials Secret is missing or lacks the keys its URL needs. */
        CredentialsMissing,
        AuthenticationFailed,
        RefNotFound,
        InvalidRef,
        FetchFailed,
        HostKeyRejected,
        PathNotFound,
        /** The spec cannot be acted on, e.g. an interval that cannot be read. */
        InvalidSpec,
        /** Nothing is wrong (the False value of Stalled and Reconciling). */
        Idle
    }

    private GitSyncConditions() {
    }
}
