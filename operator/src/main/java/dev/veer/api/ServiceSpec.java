package dev.veer.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

public class ServiceSpec {

    @Pattern("^[a-z]([-a-z0-9]*[a-z0-9])?$")
    @JsonPropertyDescription("Name of the stable Service. Defaults to the rollout's name.")
    private String name;

    @Required
    @Size(min = 1)
    @JsonPropertyDescription("Ports the Service exposes.")
    private List<ServicePortSpec> ports;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public List<ServicePortSpec> getPorts() {
        return ports;
    }

    public void setPorts(List<ServicePortSpec> ports) {
        this.ports = ports;
    }
}
