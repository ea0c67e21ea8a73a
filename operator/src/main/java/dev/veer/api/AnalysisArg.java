package dev.veer.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A value a rollout passes to the health checks of an analysis. */
public class AnalysisArg {

    /** What an argument's name looks like; it appears as {@code {{args.NAME}}}. */
    public static final String NAME_PATTERN = "^[A-Za-z][A-Za-z0-9_-]*$";

    @Required
    @Pattern(NAME_PATTERN)
    @Size(max = 63)
    @JsonPropertyDescription("Name of the argument, as the HealthCheck or built-in template declares it. At most 63 characters.")
    private String name;

    @Required
    @JsonPropertyDescription("Value of the argument. It may use {{rollout}}, {{namespace}}, {{slot}} and "
            + "{{revision}}.")
    private String value;

    public AnalysisArg() {
    }

    public AnalysisArg(String name, String value) {
        this.name = name;
        this.value = value;
    }

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
