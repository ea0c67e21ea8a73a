package dev.veer.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

public class HealthCheckSpec {

    @JsonPropertyDescription("What this health check is for, shown to people.")
    private String description;

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }
}
