package dev.veer.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** Another GitSync that must be Ready first. */
public class GitSyncDependency {

    @Required
    @Size(min = 1, max = 253)
    @JsonPropertyDescription("Name of the GitSync.")
    private String name;

    @Size(max = 63)
    @JsonPropertyDescription("Its namespace. Empty: the namespace of this GitSync.")
    private String namespace;

    public GitSyncDependency() {
    }

    public GitSyncDependency(String name, String namespace) {
        this.name = name;
        this.namespace = namespace;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }
}
