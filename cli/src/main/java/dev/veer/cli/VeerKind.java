package dev.veer.cli;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Veer's kinds, named as {@code kubectl} users name them. Each is addressed by group, version and plural, never through
 * API discovery: the plugin needs no discovery round trip, and works against servers without it (the mock API server).
 * GitSync is listed by name only: the plugin reads it generically, like every other kind.
 */
enum VeerKind {
    SERVICE_ROLLOUT("ServiceRollout", "servicerollouts", List.of("sr", "servicerollout", "rollout", "rollouts")),
    SNAPSHOT("Snapshot", "snapshots", List.of("snap", "snapshot")),
    CONFIG_WATCH("ConfigWatch", "configwatches", List.of("cw", "configwatch")),
    GIT_SYNC("GitSync", "gitsyncs", List.of("gs", "gitsync")),
    HEALTH_CHECK("HealthCheck", "healthchecks", List.of("hc", "healthcheck"));

    static final String GROUP = "veer.dev";
    static final String VERSION = "v1alpha1";

    private final String kind;
    private final String plural;
    private final List<String> aliases;

    VeerKind(String kind, String plural, List<String> aliases) {
        this.kind = kind;
        this.plural = plural;
        this.aliases = aliases;
    }

    String kind() {
        return kind;
    }

    String shortName() {
        return aliases.get(0);
    }

    ResourceDefinitionContext context() {
        return new ResourceDefinitionContext.Builder().withGroup(GROUP).withVersion(VERSION).withKind(kind)
                .withPlural(plural).withNamespaced(true).build();
    }

    static Optional<VeerKind> named(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return Arrays.stream(values())
                .filter(k -> k.plural.equals(lower) || k.kind.equalsIgnoreCase(lower) || k.aliases.contains(lower))
                .findFirst();
    }
}
