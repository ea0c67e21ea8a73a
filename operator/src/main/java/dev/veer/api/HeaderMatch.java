package dev.veer.api;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** A condition on one HTTP header; a value type (equal when every field is equal). */
@ValidationRule(value = "[has(self.exact), has(self.prefix), has(self.regex)].filter(x, x).size() == 1",
        message = "a header match must set exactly one of exact, prefix or regex")
public class HeaderMatch {

    @Required
    @Pattern("^[A-Za-z0-9-]+$")
    @JsonPropertyDescription("HTTP header name, for example X-Canary.")
    private String name;

    @JsonPropertyDescription("The header's value must equal this.")
    private String exact;

    @JsonPropertyDescription("The header's value must start with this.")
    private String prefix;

    @JsonPropertyDescription("The header's value must match this regular expression (RE2 syntax).")
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
