package dev.veer.api;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** An object a GitSync applied, by API version, kind, namespace and name. */
public class GitSyncObject {

    @JsonPropertyDescription("API version, e.g. apps/v1.")
    private String apiVersion;

    @JsonPropertyDescription("Kind, e.g. Deployment.")
    private String kind;

    @JsonPropertyDescription("Namespace; empty for a cluster-scoped object.")
    private String namespace;

    @JsonPropertyDescription("Name.")
    private String name;

    public GitSyncObject() {
    }

    public GitSyncObject(String apiVersion, String kind, String namespace, String name) {
        this.apiVersion = apiVersion;
        this.kind = kind;
        this.namespace = namespace == null || namespace.isEmpty() ? null : namespace;
        this.name = name;
    }

    /** The API group: empty for the core group. */
    @JsonIgnore
    public String group() {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    /** group/kind/namespace/name, the identity of an object across API versions. */
    @JsonIgnore
    public String key() {
        return group() + "/" + kind + "/" + (namespace == null ? "" : namespace) + "/" + name;
    }

    @Override
    public String toString() {
        return kind + " " + (namespace == null ? "" : namespace + "/") + name;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GitSyncObject o && Objects.equals(apiVersion, o.apiVersion)
                && Objects.equals(kind, o.kind) && Objects.equals(namespace, o.namespace)
                && Objects.equals(name, o.name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(apiVersion, kind, namespace, name);
    }

    public String getApiVersion() {
        return apiVersion;
    }

    public void setApiVersion(String apiVersion) {
        this.apiVersion = apiVersion;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
