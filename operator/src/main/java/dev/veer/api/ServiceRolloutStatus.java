package dev.veer.api;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.model.annotation.LabelSelector;
import io.fabric8.kubernetes.model.annotation.StatusReplicas;

public class ServiceRolloutStatus {

    @JsonPropertyDescription("Progressing, Paused, Healthy or Degraded.")
    private RolloutPhase phase;

    @JsonPropertyDescription("Step of Veer's state machine: Deploying, Stable, Canary, Preview, Promoting, Aborting "
            + "or Aborted.")
    private RolloutStage stage;

    @JsonPropertyDescription("A human-readable account of the current state.")
    private String message;

    @JsonPropertyDescription("The metadata.generation this status describes.")
    private Long observedGeneration;

    @JsonPropertyDescription("Index of the canary step being run; equal to the number of steps once all are done.")
    private Integer currentStepIndex;

    @JsonPropertyDescription("Percentage of traffic the router sends to the new version, as last verified.")
    private Integer canaryWeight;

    @JsonPropertyDescription("Revision of the version that serves production traffic.")
    private Integer stableRevision;

    @JsonPropertyDescription("Revision of the version being rolled out; unset when none is.")
    private Integer canaryRevision;

    @JsonPropertyDescription("Hash of the stable version's pod template.")
    private String stableTemplateHash;

    @JsonPropertyDescription("Hash of the pod template being rolled out; unset when none is.")
    private String canaryTemplateHash;

    @JsonPropertyDescription("Slot (blue or green) that runs the stable version.")
    private Slot activeSlot;

    @StatusReplicas
    @JsonPropertyDescription("Pods of the stable version (the scale subresource reads this).")
    private Integer replicas;

    @JsonPropertyDescription("Ready pods across both slots.")
    private Integer readyReplicas;

    @LabelSelector
    @JsonPropertyDescription("Label selector of the rollout's pods, in string form (for the scale subresource).")
    private String selector;

    @JsonPropertyDescription("When the current step started (RFC 3339).")
    private String stepStartedAt;

    @JsonPropertyDescription("Blue-green: when the preview version became ready (RFC 3339).")
    private String previewReadyAt;

    @JsonPropertyDescription("When the rollout was aborted (RFC 3339); unset unless aborted.")
    private String abortedAt;

    @JsonPropertyDescription("Why the rollout was aborted; unset unless aborted.")
    private String abortReason;

    @JsonPropertyDescription("What aborted the rollout, for example the analysis, metric and value that failed; unset "
            + "unless aborted.")
    private String abortMessage;

    @JsonPropertyDescription("When the pods of the idle slot may be scaled to zero (RFC 3339).")
    private String scaleDownAt;

    @Size(max = 16)
    @JsonPropertyDescription("Header matches currently routed to the new version (at most 16, as in a "
            + "setHeaderRoute step).")
    private List<HeaderMatch> headerRoute;

    @JsonPropertyDescription("Analysis runs of the revision being rolled out (or last rolled out): background, "
            + "step-N, pre-promotion, post-promotion; with their phase and last measurements.")
    private List<AnalysisRunStatus> analysisRuns;

    @JsonPropertyDescription("Ready, Progressing, Degraded and InvalidSpec conditions.")
    private List<Condition> conditions = new ArrayList<>();

    public RolloutPhase getPhase() {
        return phase;
    }

    public void setPhase(RolloutPhase phase) {
        this.phase = phase;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public Integer getCurrentStepIndex() {
        return currentStepIndex;
    }

    public void setCurrentStepIndex(Integer currentStepIndex) {
        this.currentStepIndex = currentStepIndex;
    }

    public Integer getCanaryWeight() {
        return canaryWeight;
    }

    public void setCanaryWeight(Integer canaryWeight) {
        this.canaryWeight = canaryWeight;
    }

    public Integer getStableRevision() {
        return stableRevision;
    }

    public void setStableRevision(Integer stableRevision) {
        this.stableRevision = stableRevision;
    }

    public Integer getCanaryRevision() {
        return canaryRevision;
    }

    public void setCanaryRevision(Integer canaryRevision) {
        this.canaryRevision = canaryRevision;
    }


    public String getStableTemplateHash() {
        return stableTemplateHash;
    }

    public void setStableTemplateHash(String stableTemplateHash) {
        this.stableTemplateHash = stableTemplateHash;
    }

    public String getCanaryTemplateHash() {
        return canaryTemplateHash;
    }

    public void setCanaryTemplateHash(String canaryTemplateHash) {
        this.canaryTemplateHash = canaryTemplateHash;
    }

    public Slot getActiveSlot() {
        return activeSlot;
    }

    public void setActiveSlot(Slot activeSlot) {
        this.activeSlot = activeSlot;
    }

    public Integer getReplicas() {
        return replicas;
    }

    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public Integer getReadyReplicas() {
        return readyReplicas;
    }

    public void setReadyReplicas(Integer readyReplicas) {
        this.readyReplicas = readyReplicas;
    }

    public String getSelector() {
        return selector;
    }

    public void setSelector(String selector) {
        this.selector = selector;
    }

    public String getStepStartedAt() {
        return stepStartedAt;
    }

    public void setStepStartedAt(String stepStartedAt) {
        this.stepStartedAt = stepStartedAt;
    }

    public String getAbortedAt() {
        return abortedAt;
    }

    public void setAbortedAt(String abortedAt) {
        this.abortedAt = abortedAt;
    }

    public String getAbortReason() {
        return abortReason;
    }

    public void setAbortReason(String abortReason) {
        this.abortReason = abortReason;
    }

    public String getScaleDownAt() {
        return scaleDownAt;
    }

    public void setScaleDownAt(String scaleDownAt) {
        this.scaleDownAt = scaleDownAt;
    }

    public List<HeaderMatch> getHeaderRoute() {
        return headerRoute;
    }

    public void setHeaderRoute(List<HeaderMatch> headerRoute) {
        this.headerRoute = headerRoute;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public RolloutStage getStage() {
        return stage;
    }

    public void setStage(RolloutStage stage) {
        this.stage = stage;
    }

    public String getPreviewReadyAt() {
        return previewReadyAt;
    }

    public void setPreviewReadyAt(String previewReadyAt) {
        this.previewReadyAt = previewReadyAt;
    }

    public List<AnalysisRunStatus> getAnalysisRuns() {
        return analysisRuns;
    }

    public void setAnalysisRuns(List<AnalysisRunStatus> analysisRuns) {
        this.analysisRuns = analysisRuns;
    }

    public String getAbortMessage() {
        return abortMessage;
    }

    public void setAbortMessage(String abortMessage) {
        this.abortMessage = abortMessage;
    }
}
