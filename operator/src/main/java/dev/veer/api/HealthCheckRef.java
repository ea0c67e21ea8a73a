package dev.veer.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A HealthCheck in the rollout's namespace, by name. */
public class HealthCheckRef {

    @Required
    @Size(max = 253)
    @JsonPropertyDescription("Name of the HealthCheck.")
    private String name;

    public HealthCheckRef() {
    }

    public HealthCheckRef(String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
