package dev.veer.configwatch.etcd;

import java.time.Duration;
import java.util.List;

/**
 * What makes two ConfigWatches share one etcd watch: the same endpoints (in any order), prefix, credentials and dial
 * timeout. Its {@code toString} shows no secret ({@link EtcdCredentials} is redacted).
 */
public record WatchKey(List<String> endpoints, String prefix, EtcdCredentials credentials, Duration dialTimeout) {

    public WatchKey {
        endpoints = endpoints.stream().map(e -> e.endsWith("/") ? e.substring(0, e.length() - 1) : e).sorted()
                .distinct().toList();
    }

    /** For messages and logs: the endpoints and the prefix. */
    public String describe() {
        return String.join(",", endpoints) + " prefix " + prefix;
    }
}
