package dev.veer.api;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;

@ValidationRule(value = "self == oldSelf", message = "a Snapshot is immutable: its spec cannot be changed; roll back "
        + "with spec.rollbackTo on its owner instead")
public class SnapshotSpec {

    @Required
    @Pattern("^(ServiceRollout|ConfigWatch)$")
    @JsonPropertyDescription("Kind of the resource this snapshot records a version of: ServiceRollout or ConfigWatch.")
    private String ownerKind;

    @Required
    @JsonPropertyDescription("Name of the resource this snapshot records a version of.")
    private String ownerName;

    @Required
    @Min(1)
    @JsonPropertyDescription("Revision number of this version, 1, 2, 3, ... per owner.")
    private Integer revision;

    @Required
    @JsonPropertyDescription("Hash of the recorded content (pod template or configuration data).")
    private String contentHash;

    @PreserveUnknownFields
    @SchemaFrom(type = EmbeddedObject.class)
    @JsonPropertyDescription("ServiceRollout: the full pod template of this version.")
    private PodTemplateSpec template;

    @JsonPropertyDescription("ConfigWatch: the configuration data of this version. With a ConfigMap target the data "
            + "keys and their values (a value that is not UTF-8 base64-encoded); with a Secret target only the keys, "
            + "each with an empty value: secret values are never recorded.")
    private Map<String, String> data;

    @JsonPropertyDescription("Snapshots of configuration (ConfigWatch revisions) the pod template uses.")
    private List<ConfigRevision> configRevisions;

    @JsonPropertyDescription("Where this version came from: a Git commit, or the user or field manager that applied it.")
    private String source;

    @JsonPropertyDescription("When this version was first seen (RFC 3339).")
    private String createdAt;

    public String getOwnerKind() {
        return ownerKind;
    }

    public void setOwnerKind(String ownerKind) {
        this.ownerKind = ownerKind;
    }

    public String getOwnerName() {
        return ownerName;
    }

    public void setOwnerName(String ownerName) {
        this.ownerName = ownerName;
    }

    public Integer getRevision() {
        return revision;
    }

    public void setRevision(Integer revision) {
        this.revision = revision;
    }

    public String getContentHash() {
        return contentHash;
    }

    public void setContentHash(String contentHash) {
        this.contentHash = contentHash;
    }

    public PodTemplateSpec getTemplate() {
        return template;
    }

    public void setTemplate(PodTemplateSpec template) {
        this.template = template;
    }

    public Map<String, String> getData() {
        return data;
    }

    public void setData(Map<String, String> data) {
        this.data = data;
    }

    public List<ConfigRevision> getConfigRevisions() {
        return configRevisions;
    }

    public void setConfigRevisions(List<ConfigRevision> configRevisions) {
        this.configRevisions = configRevisions;
    }

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }

    public String getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(String createdAt) {
        this.createdAt = createdAt;
    }
}
