package dev.veer.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/** Roll the service back to a recorded version. */
public class RollbackTo {

    @Required
    @Min(1)
    @JsonPropertyDescription("Snapshot revision to run (kubectl get snap -l veer.dev/owner=NAME lists them). It is "
            + "rolled out through the rollout's strategy; remove rollbackTo to return to spec.template.")
    private Integer revision;

    public Integer getRevision() {
        return revision;
    }

    public void setRevision(Integer revision) {
        this.revision = revision;
    }
}
