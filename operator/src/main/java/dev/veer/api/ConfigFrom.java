package dev.veer.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A ConfigWatch whose current version a rollout's pods use, mounted as files or as environment variables. */
@ValidationRule(value = "has(self.mountPath) != (has(self.env) && self.env)",
        message = "set exactly one of mountPath or env: true")
public class ConfigFrom {

    @Required
    @Size(max = 51)
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    @JsonPropertyDescription("Name of a ConfigWatch in the rollout's namespace (at most 51 characters: it also names "
            + "the volume veer-config-<name>). Veer puts its current versioned object (status.versionedName, an "
            + "immutable ConfigMap or Secret) into the pod template, so each new version of the configuration is a "
            + "new rollout revision that goes through the strategy, while the stable pods keep the version they "
            + "started with. Until the ConfigWatch has a version the rollout reports InvalidSpec with reason "
            + "ConfigNotReady and changes nothing.")
    private String configWatch;

    @Pattern("^/.*")
    @JsonPropertyDescription("Mount the configuration as files (one per data key) at this absolute path in every "
            + "container and init container, read-only, from the volume veer-config-<configWatch>. Exactly one of "
            + "mountPath or env.")
    private String mountPath;

    @JsonPropertyDescription("true: every container and init container gets the configuration's keys as environment "
            + "variables (envFrom). Exactly one of mountPath or env.")
    private Boolean env;

    public ConfigFrom() {
    }

    public ConfigFrom(String configWatch, String mountPath, Boolean env) {
        this.configWatch = configWatch;
        this.mountPath = mountPath;
        this.env = env;
    }

    public String getConfigWatch() {
        return configWatch;
    }

    public void setConfigWatch(String configWatch) {
        this.configWatch = configWatch;
    }

    public String getMountPath() {
        return mountPath;
    }

    public void setMountPath(String mountPath) {
        this.mountPath = mountPath;
    }

    public Boolean getEnv() {
        return env;
    }

    public void setEnv(Boolean env) {
        this.env = env;
    }
}
