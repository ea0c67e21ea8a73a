package dev.veer.gitsync.source;

/** A fetch that did not give a commit, with a typed reason for the GitSync's status. */
public final class FetchFailure extends Exception {

    /** Why a fetch failed. */
    public enum Reason {
        /** The server refused the credentials, or there were none and it wanted some. */
        AuthenticationFailed,
        /** The branch or tag does not exist, no tag is in the semver range, the commit is not in the repository. */
        RefNotFound,
        /** The semver range cannot be read. */
        InvalidRef,
        /** The server could not be reached or the transfer failed. */
        FetchFailed,
        /** The SSH host key is unknown or does not match known_hosts. */
        HostKeyRejected,
        /** spec.path is not a directory of the commit. */
        PathNotFound
    }

    private final Reason reason;

    public FetchFailure(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
