package dev.veer.api;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;

public class ConfigWatchStatus {

    @JsonPropertyDescription("The metadata.generation this status describes.")
    private Long observedGeneration;

    @JsonPropertyDescription("etcd revision of the source data last applied: the target holds its content, unless "
            + "that content failed in a ServiceRollout and the last good version is served (Degraded, reason "
            + "ConfigRolledBack).")
    private Long etcdRevision;

    @JsonPropertyDescription("Hash of the target's content; also the suffix of the versioned object's name and the "
            + "value of the consumers' veer.dev/config-hash-<name> pod-template annotation.")
    private String contentHash;

    @JsonPropertyDescription("Number of the version served: 1, 2, 3, ... one per distinct content (a content that "
            + "comes back is its recorded revision again); also the revision of its Snapshot.")
    private Integer revision;

    @JsonPropertyDescription("Name of the immutable object holding the current version.")
    private String versionedName;

    @JsonPropertyDescription("Number of etcd keys in the current version.")
    private Integer keyCount;

    @JsonPropertyDescription("When the target last changed to a new version (RFC 3339).")
    private String lastSyncTime;

    @JsonPropertyDescription("Ready, SourceReachable and Degraded conditions.")
    private List<Condition> conditions = new ArrayList<>();

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public Long getEtcdRevision() {
        return etcdRevision;
    }

    public void setEtcdRevision(Long etcdRevision) {
        this.etcdRevision = etcdRevision;
    }

    public String getContentHash() {
        return contentHash;
    }

    public void setContentHash(String contentHash) {
        this.contentHash = contentHash;
    }

    public Integer getRevision() {
        return revision;
    }

    public void setRevision(Integer revision) {
        this.revision = revision;
    }

    public String getVersionedName() {
        return versionedName;
    }

    public void setVersionedName(String versionedName) {
        this.versionedName = versionedName;
    }

    public Integer getKeyCount() {
        return keyCount;
    }

    public void setKeyCount(Integer keyCount) {
        this.keyCount = keyCount;
    }

    public String getLastSyncTime() {
        return lastSyncTime;
    }

    public void setLastSyncTime(String lastSyncTime) {
        this.lastSyncTime = lastSyncTime;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }
}
