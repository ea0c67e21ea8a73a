package dev.veer.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

@ValidationRule(value = "!has(self.previewService) || self.previewService != self.activeService",
        message = "previewService must differ from activeService")
public class BlueGreenStrategy {

    @Required
    @Pattern("^[a-z]([-a-z0-9]*[a-z0-9])?$")
    @Size(max = 63)
    @JsonPropertyDescription("Service that receives production traffic; Veer points it at the active version. A "
            + "Service name: at most 63 characters.")
    private String activeService;

    @Pattern("^[a-z]([-a-z0-9]*[a-z0-9])?$")
    @Size(max = 63)
    @JsonPropertyDescription("Service that points at the new version before promotion, for testing it. A Service "
            + "name: at most 63 characters.")
    private String previewService;

    @Default("true")
    @JsonPropertyDescription("Promote as soon as the new version is ready (after autoPromotionSeconds if set). "
            + "False: wait for a promote action.")
    private Boolean autoPromotionEnabled = true;

    @Min(0)
    @JsonPropertyDescription("Seconds to wait, once the new version is ready, before promoting automatically.")
    private Integer autoPromotionSeconds;

    @Min(0)
    @JsonPropertyDescription("Replicas of the new version before promotion. Unset: spec.replicas.")
    private Integer previewReplicas;

    @Min(0)
    @Default("30")
    @JsonPropertyDescription("Seconds to keep the old version running after promotion, for an instant rollback.")
    private Integer scaleDownDelaySeconds = 30;

    @JsonPropertyDescription("Analysis of the new version behind the preview Service, once it is ready. Promotion, "
            + "automatic or by the promote action, waits until it is Successful (promote-full skips it). A failed "
            + "analysis aborts the rollout: the active Service never leaves the stable version. An inconclusive one "
            + "waits for the promote or abort action.")
    private AnalysisSpec prePromotionAnalysis;

    @JsonPropertyDescription("Analysis of the new version after the active Service has switched to it, while the old "
            + "version keeps running. The promotion completes when it is Successful; a failed analysis switches the "
            + "active Service back to the old version.")
    private AnalysisSpec postPromotionAnalysis;

    public String getActiveService() {
        return activeService;
    }

    public void setActiveService(String activeService) {
        this.activeService = activeService;
    }

    public String getPreviewService() {
        return previewService;
    }

    public void setPreviewService(String previewService) {
        this.previewService = previewService;
    }

    public Boolean getAutoPromotionEnabled() {
        return autoPromotionEnabled;
    }

    public void setAutoPromotionEnabled(Boolean autoPromotionEnabled) {
        this.autoPromotionEnabled = autoPromotionEnabled;
    }

    public Integer getAutoPromotionSeconds() {
        return autoPromotionSeconds;
    }

    public void setAutoPromotionSeconds(Integer autoPromotionSeconds) {
        this.autoPromotionSeconds = autoPromotionSeconds;
    }

    public Integer getPreviewReplicas() {
        return previewReplicas;
    }

    public void setPreviewReplicas(Integer previewReplicas) {
        this.previewReplicas = previewReplicas;
    }

    public Integer getScaleDownDelaySeconds() {
        return scaleDownDelaySeconds;
    }

    public void setScaleDownDelaySeconds(Integer scaleDownDelaySeconds) {
        this.scaleDownDelaySeconds = scaleDownDelaySeconds;
    }

    public AnalysisSpec getPrePromotionAnalysis() {
        return prePromotionAnalysis;
    }

    public void setPrePromotionAnalysis(AnalysisSpec prePromotionAnalysis) {
        this.prePromotionAnalysis = prePromotionAnalysis;
    }

    public AnalysisSpec getPostPromotionAnalysis() {
        return postPromotionAnalysis;
    }

    public void setPostPromotionAnalysis(AnalysisSpec postPromotionAnalysis) {
        this.postPromotionAnalysis = postPromotionAnalysis;
    }
}
