package dev.veer.api;

/** The kinds of workload a ConfigWatch rolls when its configuration changes. */
public enum ConsumerKind {
    Deployment,
    ServiceRollout
}
