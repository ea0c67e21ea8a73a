package dev.veer.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

public class SnapshotStatus {

    @JsonPropertyDescription("Pending, Promoted, Failed, RolledBack or Superseded.")
    private String verdict;

    public String getVerdict() {
        return verdict;
    }

    public void setVerdict(String verdict) {
        this.verdict = verdict;
    }
}
