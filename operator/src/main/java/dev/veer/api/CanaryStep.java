package dev.veer.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

@ValidationRule(value = "[has(self.setWeight), has(self.pause), has(self.setHeaderRoute), has(self.analysis)]"
        + ".filter(x, x).size() == 1",
        message = "each canary step must set exactly one of setWeight, pause, setHeaderRoute or analysis")
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

    @JsonPropertyDescription("Judge the new version at the current weight: the step completes when the analysis is "
            + "Successful (every metric took its count of measurements; give each metric a count, or the step waits "
            + "until promoted). A failed analysis aborts the rollout and returns all traffic to the stable version; "
            + "an inconclusive one pauses it until the promote or abort action.")
    private AnalysisSpec analysis;

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

    public AnalysisSpec getAnalysis() {
        return analysis;
    }

    public void setAnalysis(AnalysisSpec analysis) {
        this.analysis = analysis;
    }
}
