package dev.veer.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** An HTTP header sent with a metric query. */
public class HttpHeader {

    @Required
    @Pattern("^[A-Za-z0-9!#$%&'*+.^_`|~-]+$")
    @Size(max = 256)
    @JsonPropertyDescription("Header name, for example X-Scope-OrgID. At most 256 characters.")
    private String name;

    @Required
    @JsonPropertyDescription("Header value. Placeholders are filled.")
    private String value;

    public HttpHeader() {
    }

    public HttpHeader(String name, String value) {
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
