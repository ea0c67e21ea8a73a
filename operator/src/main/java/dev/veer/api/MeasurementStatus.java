package dev.veer.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One measurement of a metric. */
public class MeasurementStatus {

    @JsonPropertyDescription("Successful, Failed, Inconclusive or Error.")
    private MeasurementVerdict verdict;

    @JsonPropertyDescription("The query's result as Prometheus wrote it: a number, or a list for several samples; "
            + "unset for an error.")
    private String value;

    @JsonPropertyDescription("When the measurement was taken (RFC 3339).")
    private String time;

    @JsonPropertyDescription("What decided the verdict, or what went wrong.")
    private String message;

    public MeasurementStatus() {
    }

    public MeasurementStatus(MeasurementVerdict verdict, String value, String time, String message) {
        this.verdict = verdict;
        this.value = value;
        this.time = time;
        this.message = message;
    }

    public MeasurementVerdict getVerdict() {
        return verdict;
    }

    public void setVerdict(MeasurementVerdict verdict) {
        this.verdict = verdict;
    }

    public String getValue() {
        return value;
    }

    public void setValue(String value) {
        this.value = value;
    }

    public String getTime() {
        return time;
    }

    public void setTime(String time) {
        this.time = time;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }
}
