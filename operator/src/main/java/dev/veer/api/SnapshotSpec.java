package dev.veer.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;

public class SnapshotSpec {

    @Min(1)
    @JsonPropertyDescription("Revision number of this snapshot, 1, 2, 3, ... per owner.")
    private Integer revision;

    public Integer getRevision() {
        return revision;
    }

    public void setRevision(Integer revision) {
        this.revision = revision;
    }
}
