package dev.veer.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

public class SnapshotStatus {

    @JsonPropertyDescription("Pending, Promoted, Failed, RolledBack or Superseded.")
    private SnapshotVerdict verdict;

    @JsonPropertyDescription("When the verdict was reached (RFC 3339).")
    private String verdictTime;

    @JsonPropertyDescription("Why: the reason of the abort or of the failed analysis, for example ProgressDeadlineExceeded.")
    private String reason;

    @JsonPropertyDescription("A human-readable account of the verdict.")
    private String message;

    public SnapshotVerdict getVerdict() {
        return verdict;
    }

    public void setVerdict(SnapshotVerdict verdict) {
        this.verdict = verdict;
    }

    public String getVerdictTime() {
        return verdictTime;
    }

    public void setVerdictTime(String verdictTime) {
        this.verdictTime = verdictTime;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }
}
