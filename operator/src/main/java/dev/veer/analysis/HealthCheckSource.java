package dev.veer.analysis;

import java.util.Optional;

import dev.veer.api.HealthCheckSpec;

/** Where an analysis finds the HealthChecks it refers to by name. */
@FunctionalInterface
public interface HealthCheckSource {

    /** The spec of HealthCheck {@code name} in {@code namespace}, if it exists. */
    Optional<HealthCheckSpec> find(String namespace, String name);
}
