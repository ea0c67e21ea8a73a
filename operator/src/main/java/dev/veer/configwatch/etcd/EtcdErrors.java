package dev.veer.configwatch.etcd;

import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.common.exception.EtcdException;
import io.etcd.jetcd.common.exception.ErrorCode;
import io.grpc.Status;

/**
 * Turns what jetcd throws into a {@link SourceStatus}. The messages are built here from the error code and etcd's
 * own short description, so that no credential can end up in a status or a log.
 */
final class EtcdErrors {

    private EtcdErrors() {
    }

    static boolean isCompacted(Throwable error) {
        return unwrap(error) instanceof CompactedException;
    }

    static SourceStatus classify(Throwable error, WatchKey key, Instant now) {
        Throwable cause = unwrap(error);
        if (cause instanceof InvalidCredentialsException) {
            return new SourceStatus(SourceStatus.Phase.DENIED, SourceStatus.INVALID_CREDENTIALS, cause.getMessage(),
                    now);
        }
        Status status = Status.fromThrowable(error);
        String text = (chainText(error) + " " + status.getDescription()).toLowerCase(Locale.ROOT);
        if (text.contains("permission denied") || (cause instanceof EtcdException e
                && e.getErrorCode() == ErrorCode.PERMISSION_DENIED)) {
            return new SourceStatus(SourceStatus.Phase.DENIED, SourceStatus.PERMISSION_DENIED,
                    "etcd denied reading " + key.describe() + ": the user's roles do not grant it", now);
        }
        if (status.getCode() == Status.Code.UNAUTHENTICATED || text.contains("authentication failed") || text.contains("invalid auth token")
                || text.contains("user name is empty") || text.contains("authentication is not enabled")) {
            return new SourceStatus(SourceStatus.Phase.DENIED, SourceStatus.AUTHENTICATION_FAILED,
                    "etcd at " + String.join(",", key.endpoints()) + " rejected the user name or password of the "
                            + "Secret", now);
        }
        String what = cause instanceof TimeoutException ? "no answer within " + key.dialTimeout().toMillis() + "ms"
                : cause instanceof EtcdException e ? e.getErrorCode().name().toLowerCase(Locale.ROOT)
                : status.getCode().name().toLowerCase(Locale.ROOT);
        return new SourceStatus(SourceStatus.Phase.UNREACHABLE, SourceStatus.UNREACHABLE,
                "cannot reach etcd at " + String.join(",", key.endpoints()) + " (" + what + ")", now);
    }

    /** The messages of the whole cause chain, for matching etcd's error texts (never shown to anyone). */
    private static String chainText(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null && text.length() < 4096; t = t.getCause() == t ? null : t.getCause()) {
            text.append(' ').append(t.getMessage());
        }
        return text.toString();
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
