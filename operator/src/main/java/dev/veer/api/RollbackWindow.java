package dev.veer.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;

/** Which rollbacks are fast: they skip the canary steps (and analysis) and promote at once. */
public class RollbackWindow {

    @Min(0)
    @JsonPropertyDescription("A rollback to one of this many most recent stable revisions skips the steps.")
    private Integer revisions;

    public Integer getRevisions() {
        return revisions;
    }

    public void setRevisions(Integer revisions) {
        this.revisions = revisions;
    }
}
