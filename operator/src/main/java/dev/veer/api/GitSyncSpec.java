package dev.veer.api;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

public class GitSyncSpec {

    @Required
    @JsonPropertyDescription("The Git repository and the commit to apply.")
    private GitRepositorySpec repository;

    @Default(".")
    @Size(min = 1, max = 1024)
    @ValidationRule(value = "!self.startsWith('/') && !self.matches('(^|/)[.][.](/|$)')",
            message = "path is relative to the repository root and may not contain '..'")
    @JsonPropertyDescription("Directory of the repository whose manifests are applied: every *.yaml, *.yml and *.json "
            + "file under it (subdirectories included, multi-document YAML allowed). Default: the whole repository.")
    private String path = ".";

    @Default("true")
    @JsonPropertyDescription("Delete the objects this GitSync applied that are no longer in the repository. Never "
            + "after a failed apply, never an object without this GitSync's ownership labels, never one annotated "
            + "veer.dev/prune: disabled.")
    private Boolean prune = true;

    @Size(max = 63)
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    @JsonPropertyDescription("Namespace given to every namespaced object (overriding the manifests'). Unset: the "
            + "manifests' namespace, or the GitSync's for those without one.")
    private String targetNamespace;

    @Default("false")
    @JsonPropertyDescription("Stop fetching and applying; what was applied stays as it is.")
    private Boolean suspend = false;

    @Size(max = 253)
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
    @JsonPropertyDescription("A ServiceAccount in the GitSync's namespace: every dry-run, apply and prune is made as "
            + "that ServiceAccount (impersonation), so the GitSync can do no more than it may. Unset: the GitSync "
            + "writes only namespaced objects of its own namespace.")
    private String serviceAccountName;

    @Size(max = 16)
    @JsonPropertyDescription("GitSyncs that must be Ready before this one applies anything.")
    private List<GitSyncDependency> dependsOn = new ArrayList<>();

    @Default("false")
    @JsonPropertyDescription("Ready only once the applied objects are healthy: Deployments available, ServiceRollouts "
            + "Healthy, any object with a Ready condition True.")
    private Boolean wait = false;

    @JsonPropertyDescription("Variable substitution in the manifests before they are applied.")
    private PostBuild postBuild;

    @JsonPropertyDescription("A webhook receiver that fetches at once when the repository is pushed to. Its URL is "
            + "/hooks/gitsync/<namespace>/<name> on the operator's HTTP port.")
    private WebhookSpec webhook;

    public GitRepositorySpec getRepository() {
        return repository;
    }

    public void setRepository(GitRepositorySpec repository) {
        this.repository = repository;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public Boolean getPrune() {
        return prune;
    }

    public void setPrune(Boolean prune) {
        this.prune = prune;
    }

    public String getTargetNamespace() {
        return targetNamespace;
    }

    public void setTargetNamespace(String targetNamespace) {
        this.targetNamespace = targetNamespace;
    }

    public Boolean getSuspend() {
        return suspend;
    }

    public void setSuspend(Boolean suspend) {
        this.suspend = suspend;
    }

    public String getServiceAccountName() {
        return serviceAccountName;
    }

    public void setServiceAccountName(String serviceAccountName) {
        this.serviceAccountName = serviceAccountName;
    }

    public List<GitSyncDependency> getDependsOn() {
        return dependsOn;
    }

    public void setDependsOn(List<GitSyncDependency> dependsOn) {
        this.dependsOn = dependsOn;
    }

    public Boolean getWait() {
        return wait;
    }

    public void setWait(Boolean wait) {
        this.wait = wait;
    }

    public PostBuild getPostBuild() {
        return postBuild;
    }

    public void setPostBuild(PostBuild postBuild) {
        this.postBuild = postBuild;
    }

    public WebhookSpec getWebhook() {
        return webhook;
    }

    public void setWebhook(WebhookSpec webhook) {
        this.webhook = webhook;
    }
}
