package dev.veer.api;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * A condition on one HTTP header; a value type (equal when every field is equal). Exactly one of exact, prefix and
 * regex is set: {@link HeaderRouteStep} holds that rule, so the copy in the status is not checked again.
 */
public class HeaderMatch {

    @Required
    @Pattern("^[A-Za-z0-9-]+$")
    @Size(max = 256)
    @JsonPropertyDescription("HTTP header name, for example X-Canary; at most 256 characters.")
    private String name;

    @Size(max = 4096)
    @JsonPropertyDescription("The header's value must equal this; at most 4096 characters.")
    private String exact;

    @Size(max = 4096)
    @JsonPropertyDescription("The header's value must start with this; at most 4096 characters.")
    private String prefix;

    @Size(max = 4096)
    @JsonPropertyDescription("The header's value must match this regular expression (RE2 syntax); at most 4096 "
            + "characters.")
    private String regex;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getExact() {
        return exact;
    }

    public void setExact(String exact) {
        this.exact = exact;
    }

    public String getPrefix() {
        return prefix;
    }

    public void setPrefix(String prefix) {
        this.prefix = prefix;
    }

    public String getRegex() {
        return regex;
    }

    public void setRegex(String regex) {
        this.regex = regex;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HeaderMatch that && Objects.equals(name, that.name) && Objects.equals(exact, that.exact)
                && Objects.equals(prefix, that.prefix) && Objects.equals(regex, that.regex);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, exact, prefix, regex);
    }

    @Override
    public String toString() {
        String kind = exact != null ? "exact" : prefix != null ? "prefix" : "regex";
        String value = exact != null ? exact : prefix != null ? prefix : regex;
        return name + " " + kind + " '" + value + "'";
    }
}
