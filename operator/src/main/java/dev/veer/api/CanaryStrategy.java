package dev.veer.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.IntOrString;

@ValidationRule(value = "!has(self.steps) || !self.steps.exists(s, has(s.setHeaderRoute)) || has(self.trafficRouting)",
        message = "setHeaderRoute steps need trafficRouting (gatewayAPI, nginx or istio): the Service selector cannot "
                + "route by header")
@ValidationRule(value = "!has(self.analysisStartingStep) || (has(self.analysis) && has(self.steps) "
        + "&& self.analysisStartingStep < size(self.steps))",
        message = "analysisStartingStep needs a background analysis and must be the index of a step")
public class CanaryStrategy {

    @Size(max = 32)
    @JsonPropertyDescription("Steps run in order, at most 32. After the last step the new version is promoted to "
            + "stable. With no steps the new version is promoted as soon as its pods are ready.")
    private List<CanaryStep> steps;

    @JsonPropertyDescription("Where traffic weights are applied. Unset: the stable Service selects both versions and "
            + "the weight is approximated by the ratio of ready replicas.")
    private TrafficRouting trafficRouting;

    @Default("25%")
    @JsonPropertyDescription("Rolling-update maxSurge of the Deployments Veer manages.")
    private IntOrString maxSurge;

    @Default("0")
    @JsonPropertyDescription("Rolling-update maxUnavailable of the Deployments Veer manages.")
    private IntOrString maxUnavailable;

    @Min(0)
    @Default("30")
    @JsonPropertyDescription("Seconds to keep the old version's pods running after traffic has left them (after a "
            + "promotion or an abort), so in-flight requests finish and a quick rollback needs no new pods.")
    private Integer scaleDownDelaySeconds = 30;

    @JsonPropertyDescription("Analysis of the new version that runs in the background from the step "
            + "analysisStartingStep until promotion, starting once that step's traffic is in place. A failed "
            + "analysis aborts the rollout at any step; an inconclusive one pauses it until the promote action "
            + "(which starts the analysis again) or the abort action.")
    private AnalysisSpec analysis;

    @Min(0)
    @JsonPropertyDescription("Index of the step from which the background analysis runs. Unset: 0.")
    private Integer analysisStartingStep;

    public List<CanaryStep> getSteps() {
        return steps;
    }

    public void setSteps(List<CanaryStep> steps) {
        this.steps = steps;
    }

    public TrafficRouting getTrafficRouting() {
        return trafficRouting;
    }

    public void setTrafficRouting(TrafficRouting trafficRouting) {
        this.trafficRouting = trafficRouting;
    }

    public IntOrString getMaxSurge() {
        return maxSurge;
    }

    public void setMaxSurge(IntOrString maxSurge) {
        this.maxSurge = maxSurge;
    }

    public IntOrString getMaxUnavailable() {
        return maxUnavailable;
    }

    public void setMaxUnavailable(IntOrString maxUnavailable) {
        this.maxUnavailable = maxUnavailable;
    }

    public Integer getScaleDownDelaySeconds() {
        return scaleDownDelaySeconds;
    }

    public void setScaleDownDelaySeconds(Integer scaleDownDelaySeconds) {
        this.scaleDownDelaySeconds = scaleDownDelaySeconds;
    }

    public AnalysisSpec getAnalysis() {
        return analysis;
    }

    public void setAnalysis(AnalysisSpec analysis) {
        this.analysis = analysis;
    }

    public Integer getAnalysisStartingStep() {
        return analysisStartingStep;
    }

    public void setAnalysisStartingStep(Integer analysisStartingStep) {
        this.analysisStartingStep = analysisStartingStep;
    }
}
