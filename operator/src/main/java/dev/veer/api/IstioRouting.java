package dev.veer.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

public class IstioRouting {

    @Required
    @JsonPropertyDescription("Name of the VirtualService, in the rollout's namespace.")
    private String virtualService;

    @JsonPropertyDescription("Names of the HTTP routes to manage. Unset: the first HTTP route.")
    private List<String> routes;

    public String getVirtualService() {
        return virtualService;
    }

    public void setVirtualService(String virtualService) {
        this.virtualService = virtualService;
    }

    public List<String> getRoutes() {
        return routes;
    }

    public void setRoutes(List<String> routes) {
        this.routes = routes;
    }
}
