package dev.veer.api;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One metric of an analysis run: its phase, its counts since the run started and its last measurements. */
public class MetricRunStatus {

    @JsonPropertyDescription("Name of the metric.")
    private String name;

    @JsonPropertyDescription("Running, Successful, Failed or Inconclusive.")
    private AnalysisPhase phase;

    @JsonPropertyDescription("Why the metric is in its phase.")
    private String message;

    @JsonPropertyDescription("Whether the metric is a dry run: recorded, but it does not decide the analysis.")
    private Boolean dryRun;

    @JsonPropertyDescription("Number of successful measurements.")
    private int successful;

    @JsonPropertyDescription("Number of failed measurements.")
    private int failed;

    @JsonPropertyDescription("Number of inconclusive measurements.")
    private int inconclusive;

    @JsonPropertyDescription("Number of measurement errors.")
    private int errors;

    @JsonPropertyDescription("Number of measurement errors since the last measurement that was not an error.")
    private int consecutiveErrors;

    @JsonPropertyDescription("The last measurements, oldest first (at most 10).")
    private List<MeasurementStatus> measurements = new ArrayList<>();

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

    public Boolean getDryRun() {
        return dryRun;
    }

    public void setDryRun(Boolean dryRun) {
        this.dryRun = dryRun;
    }

    public int getSuccessful() {
        return successful;
    }

    public void setSuccessful(int successful) {
        this.successful = successful;
    }

    public int getFailed() {
        return failed;
    }

    public void setFailed(int failed) {
        this.failed = failed;
    }

    public int getInconclusive() {
        return inconclusive;
    }

    public void setInconclusive(int inconclusive) {
        this.inconclusive = inconclusive;
    }

    public int getErrors() {
        return errors;
    }

    public void setErrors(int errors) {
        this.errors = errors;
    }

    public int getConsecutiveErrors() {
        return consecutiveErrors;
    }

    public void setConsecutiveErrors(int consecutiveErrors) {
        this.consecutiveErrors = consecutiveErrors;
    }

    public List<MeasurementStatus> getMeasurements() {
        return measurements;
    }

    public void setMeasurements(List<MeasurementStatus> measurements) {
        this.measurements = measurements;
    }
}
