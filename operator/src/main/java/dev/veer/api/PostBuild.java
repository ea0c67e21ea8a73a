package dev.veer.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;

/** ${VAR} substitution in the manifests of a GitSync. */
public class PostBuild {

    @Size(max = 256)
    @JsonPropertyDescription("Variables by name: ${NAME} in a manifest becomes the value, ${NAME:=default} the value "
            + "or the default. A variable with neither a value nor a default makes the commit fail (nothing applied). "
            + "Values here win over those of substituteFrom. $${NAME} is kept as ${NAME}.")
    private Map<String, String> substitute = new LinkedHashMap<>();

    @Size(max = 16)
    @JsonPropertyDescription("ConfigMaps and Secrets in the GitSync's namespace whose data keys are variables; a "
            + "later one wins over an earlier one.")
    private List<SubstituteReference> substituteFrom = new ArrayList<>();

    public Map<String, String> getSubstitute() {
        return substitute;
    }

    public void setSubstitute(Map<String, String> substitute) {
        this.substitute = substitute;
    }

    public List<SubstituteReference> getSubstituteFrom() {
        return substituteFrom;
    }

    public void setSubstituteFrom(List<SubstituteReference> substituteFrom) {
        this.substituteFrom = substituteFrom;
    }
}
