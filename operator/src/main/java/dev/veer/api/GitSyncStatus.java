package dev.veer.api;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;

public class GitSyncStatus {

    @JsonPropertyDescription("The metadata.generation this status describes.")
    private Long observedGeneration;

    @JsonPropertyDescription("The commit whose manifests are applied in the cluster.")
    private String lastAppliedCommit;

    @JsonPropertyDescription("The commit last tried, applied or not.")
    private String lastAttemptedCommit;

    @JsonPropertyDescription("Number of objects in the inventory.")
    private Integer objectCount;

    @JsonPropertyDescription("Every object applied from lastAppliedCommit: what a later commit prunes if it leaves "
            + "the repository.")
    private List<GitSyncObject> inventory = new ArrayList<>();

    @JsonPropertyDescription("Applied objects changed in the cluster since, with the fields that differ (found by a "
            + "server-side dry-run on every interval, corrected by the same pass unless the object is annotated "
            + "veer.dev/reconcile: disabled).")
    private List<GitSyncDrift> drift = new ArrayList<>();

    @JsonPropertyDescription("ServiceRollouts of lastAppliedCommit that were rolled back automatically (a failed "
            + "analysis or progress deadline): not applied again until a new commit.")
    private List<GitSyncObject> rolledBack = new ArrayList<>();

    @JsonPropertyDescription("Why lastAttemptedCommit was not applied: each invalid file, document or object with "
            + "the parser's or API server's message (at most 20).")
    private List<GitSyncError> errors = new ArrayList<>();

    @JsonPropertyDescription("The last commits tried, newest first (at most 10).")
    private List<GitSyncHistoryEntry> history = new ArrayList<>();

    @JsonPropertyDescription("Ready, Reconciling and Stalled conditions.")
    private List<Condition> conditions = new ArrayList<>();

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public String getLastAppliedCommit() {
        return lastAppliedCommit;
    }

    public void setLastAppliedCommit(String lastAppliedCommit) {
        this.lastAppliedCommit = lastAppliedCommit;
    }

    public String getLastAttemptedCommit() {
        return lastAttemptedCommit;
    }

    public void setLastAttemptedCommit(String lastAttemptedCommit) {
        this.lastAttemptedCommit = lastAttemptedCommit;
    }

    public Integer getObjectCount() {
        return objectCount;
    }

    public void setObjectCount(Integer objectCount) {
        this.objectCount = objectCount;
    }

    public List<GitSyncObject> getInventory() {
        return inventory;
    }

    public void setInventory(List<GitSyncObject> inventory) {
        this.inventory = inventory;
    }

    public List<GitSyncDrift> getDrift() {
        return drift;
    }

    public void setDrift(List<GitSyncDrift> drift) {
        this.drift = drift;
    }

    public List<GitSyncObject> getRolledBack() {
        return rolledBack;
    }

    public void setRolledBack(List<GitSyncObject> rolledBack) {
        this.rolledBack = rolledBack;
    }

    public List<GitSyncError> getErrors() {
        return errors;
    }

    public void setErrors(List<GitSyncError> errors) {
        this.errors = errors;
    }

    public List<GitSyncHistoryEntry> getHistory() {
        return history;
    }

    public void setHistory(List<GitSyncHistoryEntry> history) {
        this.history = history;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }
}
