package dev.veer.api;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** An applied object that was changed in the cluster since. */
public class GitSyncDrift {

    @JsonPropertyDescription("The object.")
    private GitSyncObject object;

    @JsonPropertyDescription("Fields whose value in the cluster differs from the repository's, as paths such as "
            + "spec.replicas or spec.template.spec.containers[0].image (at most 20).")
    private List<String> fields = new ArrayList<>();

    public GitSyncDrift() {
    }

    public GitSyncDrift(GitSyncObject object, List<String> fields) {
        this.object = object;
        this.fields = fields;
    }

    public GitSyncObject getObject() {
        return object;
    }

    public void setObject(GitSyncObject object) {
        this.object = object;
    }

    public List<String> getFields() {
        return fields;
    }

    public void setFields(List<String> fields) {
        this.fields = fields;
    }
}
