package dev.veer.configwatch.etcd;

import java.time.Instant;

/**
 * The state of one prefix watch, as the reconciler reports it in the SourceReachable condition.
 *
 * <pre>
 *   CONNECTING --list ok--> LIVE --disconnected--> UNREACHABLE --watch resumed--> LIVE
 *        |                   |  \--compacted--> (list again) --> LIVE
 *        |                   \--permission denied--> DENIED (closed, not retried)
 *        \--list failed--> UNREACHABLE (retried with backoff) or DENIED
 * </pre>
 */
public record SourceStatus(Phase phase, String reason, String message, Instant since) {

    public enum Phase {
        /** No answer from etcd yet. */
        CONNECTING,
        /** The prefix is listed and watched. */
        LIVE,
        /** etcd does not answer; retried with backoff, the last data is kept. */
        UNREACHABLE,
        /** etcd refused the credentials or the prefix; not retried until the spec or the credentials change. */
        DENIED
    }

    // Reasons (the SourceReachable condition's reason)
    public static final String CONNECTING = "Connecting";
    public static final String WATCHING = "Watching";
    public static final String UNREACHABLE = "Unreachable";
    public static final String PERMISSION_DENIED = "PermissionDenied";
    public static final String AUTHENTICATION_FAILED = "AuthenticationFailed";
    public static final String INVALID_CREDENTIALS = "InvalidCredentials";

    public boolean isLive() {
        return phase == Phase.LIVE;
    }
}
