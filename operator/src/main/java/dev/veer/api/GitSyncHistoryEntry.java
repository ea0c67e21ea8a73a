package dev.veer.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One commit a GitSync tried to apply. */
public class GitSyncHistoryEntry {

    /** How applying a commit ended. */
    public enum Result {
        Applied, Failed
    }

    @JsonPropertyDescription("The commit.")
    private String commit;

    @JsonPropertyDescription("When it was applied or failed (RFC 3339).")
    private String time;

    @JsonPropertyDescription("Applied or Failed.")
    private Result result;

    @JsonPropertyDescription("What happened: objects applied and pruned, or why it failed.")
    private String message;

    public GitSyncHistoryEntry() {
    }

    public GitSyncHistoryEntry(String commit, String time, Result result, String message) {
        this.commit = commit;
        this.time = time;
        this.result = result;
        this.message = message;
    }

    public String getCommit() {
        return commit;
    }

    public void setCommit(String commit) {
        this.commit = commit;
    }

    public String getTime() {
        return time;
    }

    public void setTime(String time) {
        this.time = time;
    }

    public Result getResult() {
        return result;
    }

    public void setResult(Result result) {
        this.result = result;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }
}
