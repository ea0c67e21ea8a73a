package dev.veer.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A ConfigWatch's snapshot revision used by a pod template. */
public class ConfigRevision {

    @JsonPropertyDescription("Name of the ConfigWatch.")
    private String configWatch;

    @JsonPropertyDescription("Its snapshot revision.")
    private Integer revision;

    public String getConfigWatch() {
        return configWatch;
    }

    public void setConfigWatch(String configWatch) {
        this.configWatch = configWatch;
    }

    public Integer getRevision() {
        return revision;
    }

    public void setRevision(Integer revision) {
        this.revision = revision;
    }
}
