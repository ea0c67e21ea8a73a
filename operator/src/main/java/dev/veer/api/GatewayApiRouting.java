package dev.veer.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

public class GatewayApiRouting {

    @Required
    @JsonPropertyDescription("Name of the HTTPRoute, in the rollout's namespace, whose rules send traffic to the "
            + "rollout. Veer sets the backendRefs of its first rule to the two slot Services with their weights.")
    private String httpRoute;

    public String getHttpRoute() {
        return httpRoute;
    }

    public void setHttpRoute(String httpRoute) {
        this.httpRoute = httpRoute;
    }
}
