package dev.veer.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** An argument a HealthCheck declares, with an optional default value. */
public class HealthCheckArg {

    @Required
    @Pattern(AnalysisArg.NAME_PATTERN)
    @Size(max = 63)
    @JsonPropertyDescription("Name of the argument, used as {{args.NAME}} in queries, conditions and headers. At most 63 characters.")
    private String name;

    @JsonPropertyDescription("Default value, used when the rollout does not pass one. Unset: the rollout must pass "
            + "a value.")
    private String value;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getValue() {
        return value;
    }

    public void setValue(String value) {
        this.value = value;
    }
}
