package dev.veer.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

public class PauseStep {

    @Pattern("^([0-9]+(ms|s|m|h))+$")
    @JsonPropertyDescription("How long to pause, for example 30s, 5m or 1h30m. Unset: pause until promoted.")
    private String duration;

    public String getDuration() {
        return duration;
    }

    public void setDuration(String duration) {
        this.duration = duration;
    }
}
