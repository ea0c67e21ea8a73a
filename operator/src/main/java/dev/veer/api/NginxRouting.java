package dev.veer.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

public class NginxRouting {

    @Required
    @JsonPropertyDescription("Name of the user's Ingress that sends traffic to the stable Service. Veer creates a "
            + "canary Ingress beside it, with the same hosts and paths, pointing at the new version.")
    private String stableIngress;

    public String getStableIngress() {
        return stableIngress;
    }

    public void setStableIngress(String stableIngress) {
        this.stableIngress = stableIngress;
    }
}
