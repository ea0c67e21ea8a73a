package dev.veer.api;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One analysis run of a rollout, as its status records it. */
public class AnalysisRunStatus {

    @JsonPropertyDescription("Which analysis this is, for example background or step-2.")
    private String name;

    @JsonPropertyDescription("Revision of the rollout that the run judges.")
    private Integer revision;

    @JsonPropertyDescription("Slot (blue or green) whose pods the run judges.")
    private Slot slot;

    @JsonPropertyDescription("Running, Successful, Failed, Inconclusive or Error.")
    private AnalysisPhase phase;

    @JsonPropertyDescription("Why the run is in its phase, naming the metric and the value that decided.")
    private String message;

    @JsonPropertyDescription("When the run started (RFC 3339); initialDelay counts from here.")
    private String startedAt;

    @JsonPropertyDescription("One entry per metric, with its counts and last measurements.")
    private List<MetricRunStatus> metrics = new ArrayList<>();

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public AnalysisPhase getPhase() {
        return phase;
    }

    public void setPhase(AnalysisPhase phase) {
        this.phase = phase;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public String getStartedAt() {
        return startedAt;
    }

    public void setStartedAt(String startedAt) {
        this.startedAt = startedAt;
    }

    public List<MetricRunStatus> getMetrics() {
        return metrics;
    }

    public void setMetrics(List<MetricRunStatus> metrics) {
        this.metrics = metrics;
    }

    public Integer getRevision() {
        return revision;
    }

    public void setRevision(Integer revision) {
        this.revision = revision;
    }

    public Slot getSlot() {
        return slot;
    }

    public void setSlot(Slot slot) {
        this.slot = slot;
    }
}
