package dev.veer.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

@ValidationRule(value = "[has(self.setWeight), has(self.pause), has(self.setHeaderRoute)].filter(x, x).size() == 1",
        message = "each canary step must set exactly one of setWeight, pause or setHeaderRoute")
public class CanaryStep {

    @Min(0)
    @Max(100)
    @JsonPropertyDescription("Percentage of traffic to send to the new version.")
    private Integer setWeight;

    @JsonPropertyDescription("Wait for a duration, or, with no duration, until the rollout is promoted.")
    private PauseStep pause;

    @JsonPropertyDescription("Send requests that match a header to the new version, whatever the weight. Needs a "
            + "traffic router that supports header matches (gatewayAPI, nginx, istio).")
    private HeaderRouteStep setHeaderRoute;

    public Integer getSetWeight() {
        return setWeight;
    }

    public void setSetWeight(Integer setWeight) {
        this.setWeight = setWeight;
    }

    public PauseStep getPause() {
        return pause;
    }

    public void setPause(PauseStep pause) {
        this.pause = pause;
    }

    public HeaderRouteStep getSetHeaderRoute() {
        return setHeaderRoute;
    }

    public void setSetHeaderRoute(HeaderRouteStep setHeaderRoute) {
        this.setHeaderRoute = setHeaderRoute;
    }
}
