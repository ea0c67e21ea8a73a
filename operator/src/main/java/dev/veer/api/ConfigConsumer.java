package dev.veer.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

public class ConfigConsumer {

    @Required
    @JsonPropertyDescription("Deployment (rolled with the pod-template annotation veer.dev/config-hash-<name>), or "
            + "ServiceRollout. A ServiceRollout takes the configuration through its own spec.configFrom, which makes "
            + "each version a rollout revision; Veer never edits a ServiceRollout's spec. Listing it here declares "
            + "that it consumes this ConfigWatch: the ConfigWatch reports Degraded (reason ConfigFromMissing) while "
            + "the rollout's spec.configFrom does not name it, and ConsumerMissing while it does not exist.")
    private ConsumerKind kind;

    @Required
    @Size(max = 253)
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
    @JsonPropertyDescription("Name of the workload, in the ConfigWatch's namespace. At most 253 characters.")
    private String name;

    public ConfigConsumer() {
    }

    public ConfigConsumer(ConsumerKind kind, String name) {
        this.kind = kind;
        this.name = name;
    }

    public ConsumerKind getKind() {
        return kind;
    }

    public void setKind(ConsumerKind kind) {
        this.kind = kind;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
