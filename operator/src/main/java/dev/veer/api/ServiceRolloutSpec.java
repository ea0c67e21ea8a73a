package dev.veer.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.model.annotation.SpecReplicas;

@ValidationRule(value = "!has(self.configFrom) || self.configFrom.all(c, "
        + "self.configFrom.exists_one(d, d.configWatch == c.configWatch))",
        message = "each ConfigWatch may be listed only once in configFrom")
public class ServiceRolloutSpec {

    @SpecReplicas
    @Min(0)
    @Default("1")
    @JsonPropertyDescription("Number of pods of the stable version once the rollout is complete.")
    private Integer replicas = 1;

    @Required
    @PreserveUnknownFields
    @SchemaFrom(type = EmbeddedObject.class)
    @JsonPropertyDescription("Pod template of the desired version. A change of this template starts a new rollout. "
            + "Its labels are copied to the pods; Veer adds veer.dev/rollout and veer.dev/slot.")
    private PodTemplateSpec template;

    @Size(max = 10)
    @JsonPropertyDescription("Configuration from ConfigWatches, resolved to their current immutable versions and "
            + "added to the pod template (a volume or envFrom per entry). A new version of a ConfigWatch makes a new "
            + "revision of this rollout; the revision's Snapshot records the ConfigWatch revisions it uses "
            + "(spec.configRevisions). When a revision fails, the ConfigWatch returns to its last good version. At most 10 items.")
    private List<ConfigFrom> configFrom;

    @Required
    @JsonPropertyDescription("The stable Service that Veer creates and owns for this rollout.")
    private ServiceSpec service;

    @Required
    @JsonPropertyDescription("How traffic moves from the stable version to a new one: exactly one of canary or blueGreen.")
    private StrategySpec strategy;

    @Min(1)
    @Default("600")
    @JsonPropertyDescription("Seconds a step may wait for pods to become ready before the rollout is aborted with "
            + "reason ProgressDeadlineExceeded and traffic returns to the stable version.")
    private Integer progressDeadlineSeconds = 600;

    @Default("false")
    @JsonPropertyDescription("Holds the rollout at its current step; traffic stays where it is until unpaused.")
    private Boolean paused = false;

    @Min(1)
    @Default("10")
    @JsonPropertyDescription("Number of snapshots to keep for rollback; older ones are deleted, never the stable "
            + "revision, the one being rolled out or the one spec.rollbackTo names.")
    private Integer revisionHistoryLimit = 10;

    @JsonPropertyDescription("Run a recorded revision instead of spec.template.")
    private RollbackTo rollbackTo;

    @JsonPropertyDescription("Rollbacks to recent stable revisions that skip the canary steps.")
    private RollbackWindow rollbackWindow;

    public Integer getReplicas() {
        return replicas;
    }

    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public PodTemplateSpec getTemplate() {
        return template;
    }

    public void setTemplate(PodTemplateSpec template) {
        this.template = template;
    }

    public List<ConfigFrom> getConfigFrom() {
        return configFrom;
    }

    public void setConfigFrom(List<ConfigFrom> configFrom) {
        this.configFrom = configFrom;
    }

    public ServiceSpec getService() {
        return service;
    }

    public void setService(ServiceSpec service) {
        this.service = service;
    }

    public StrategySpec getStrategy() {
        return strategy;
    }

    public void setStrategy(StrategySpec strategy) {
        this.strategy = strategy;
    }

    public Integer getProgressDeadlineSeconds() {
        return progressDeadlineSeconds;
    }

    public void setProgressDeadlineSeconds(Integer progressDeadlineSeconds) {
        this.progressDeadlineSeconds = progressDeadlineSeconds;
    }

    public Boolean getPaused() {
        return paused;
    }

    public void setPaused(Boolean paused) {
        this.paused = paused;
    }

    public Integer getRevisionHistoryLimit() {
        return revisionHistoryLimit;
    }

    public void setRevisionHistoryLimit(Integer revisionHistoryLimit) {
        this.revisionHistoryLimit = revisionHistoryLimit;
    }

    public RollbackTo getRollbackTo() {
        return rollbackTo;
    }

    public void setRollbackTo(RollbackTo rollbackTo) {
        this.rollbackTo = rollbackTo;
    }

    public RollbackWindow getRollbackWindow() {
        return rollbackWindow;
    }

    public void setRollbackWindow(RollbackWindow rollbackWindow) {
        this.rollbackWindow = rollbackWindow;
    }
}
