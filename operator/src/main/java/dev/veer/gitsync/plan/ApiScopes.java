package dev.veer.gitsync.plan;

import java.util.Optional;

/** What the API server serves: whether a kind is namespaced, empty for a kind it does not serve. */
@FunctionalInterface
public interface ApiScopes {
    Optional<Boolean> namespaced(String apiVersion, String kind);
}
