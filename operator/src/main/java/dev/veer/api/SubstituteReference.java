package dev.veer.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A ConfigMap or Secret whose data keys are substitution variables. */
public class SubstituteReference {

    /** The kinds a substitution source may be. */
    public enum Kind {
        ConfigMap, Secret
    }

    @Required
    @JsonPropertyDescription("ConfigMap or Secret.")
    private Kind kind;

    @Required
    @Size(max = 253)
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
    @JsonPropertyDescription("Its name, in the GitSync's namespace.")
    private String name;

    @Default("false")
    @JsonPropertyDescription("A missing object is then no error (its variables are simply not set).")
    private Boolean optional = false;

    public SubstituteReference() {
    }

    public SubstituteReference(Kind kind, String name) {
        this.kind = kind;
        this.name = name;
    }

    public Kind getKind() {
        return kind;
    }

    public void setKind(Kind kind) {
        this.kind = kind;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Boolean getOptional() {
        return optional;
    }

    public void setOptional(Boolean optional) {
        this.optional = optional;
    }
}
