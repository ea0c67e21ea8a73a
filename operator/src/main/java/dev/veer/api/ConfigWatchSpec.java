package dev.veer.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

public class ConfigWatchSpec {

    @Default("false")
    @JsonPropertyDescription("Stop applying changes from the source; the last applied configuration stays.")
    private Boolean suspend = false;

    public Boolean getSuspend() {
        return suspend;
    }

    public void setSuspend(Boolean suspend) {
        this.suspend = suspend;
    }
}
