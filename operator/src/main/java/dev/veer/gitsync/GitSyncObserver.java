package dev.veer.gitsync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import dev.veer.api.GitSync;
import dev.veer.api.GitSyncDependency;
import dev.veer.api.PostBuild;
import dev.veer.api.SubstituteReference;
import dev.veer.common.Conditions;
import dev.veer.common.GoDuration;
import dev.veer.gitsync.plan.GitSyncConditions;
import dev.veer.gitsync.plan.GitSyncConditions.Reason;
import dev.veer.gitsync.plan.ManifestReader;
import dev.veer.gitsync.plan.SourceState;
import dev.veer.gitsync.source.FetchFailure;
import dev.veer.gitsync.source.FetchedCommit;
import dev.veer.gitsync.source.GitCredentials;
import dev.veer.gitsync.source.SourceRef;
import dev.veer.gitsync.source.WorkingCopies;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Observes what a GitSync pass needs before the API server is asked anything about its objects: the commit and its
 * manifests (credentials and substitution variables read from the GitSync's namespace), and its dependencies.
 */
@ApplicationScoped
class GitSyncObserver {

    private final KubernetesClient client;
    private final WorkingCopies copies;
    private final GitSyncMetrics metrics;
    private final Clock clock;

    GitSyncObserver(KubernetesClient client, WorkingCopies copies, GitSyncMetrics metrics, Clock clock) {
        this.client = client;
        this.copies = copies;
        this.metrics = metrics;
        this.clock = clock;
    }

    SourceState source(GitSync gitSync, ClusterApi api) {
        var spec = gitSync.getSpec();
        String namespace = gitSync.getMetadata().getNamespace();
        GitCredentials credentials = GitCredentials.NONE;
        if (spec.getRepository().getSecretRef() != null) {
            Secret secret = client.secrets().inNamespace(namespace).withName(spec.getRepository().getSecretRef()
                    .getName()).get();
            if (secret == null) {
                return new SourceState.Failed(Reason.CredentialsMissing, "Secret " + namespace + "/"
                        + spec.getRepository().getSecretRef().getName() + " (spec.repository.secretRef) not found",
                        true);
            }
            credentials = GitCredentials.fromSecretData(secret.getData());
        }
        Map<String, String> variables;
        try {
            variables = variables(namespace, spec.getPostBuild());
        } catch (IllegalStateException e) {
            return new SourceState.Failed(Reason.SubstitutionFailed, e.getMessage(), true);
        }
        Duration timeout;
        try {
            timeout = GoDuration.parse(spec.getRepository().getTimeout());
        } catch (IllegalArgumentException e) {
            return new SourceState.Failed(Reason.InvalidSpec, "spec.repository.timeout: " + e.getMessage(), true);
        }
        Instant started = clock.instant();
        FetchedCommit fetched;
        try {
            fetched = copies.fetch(spec.getRepository().getUrl(), SourceRef.of(spec.getRepository().getRef()),
                    credentials, timeout, spec.getPath());
            metrics.fetched(namespace, gitSync.getMetadata().getName(), Duration.between(started, clock.instant()),
                    "success");
        } catch (FetchFailure e) {
            metrics.fetched(namespace, gitSync.getMetadata().getName(), Duration.between(started, clock.instant()),
                    e.reason().name());
            return new SourceState.Failed(Reason.valueOf(e.reason().name()), e.getMessage(),
                    e.reason() != FetchFailure.Reason.FetchFailed);
        }
        boolean ownNamespaceOnly = spec.getServiceAccountName() == null || spec.getServiceAccountName().isEmpty();
        return new SourceState.Fetched(fetched.commit(), ManifestReader.read(fetched.files(),
                new ManifestReader.Settings(namespace, gitSync.getMetadata().getName(), fetched.commit(),
                        spec.getTargetNamespace(), ownNamespaceOnly, variables), api));
    }

    /** substituteFrom in order (a later one wins), then substitute (wins over all). */
    private Map<String, String> variables(String namespace, PostBuild postBuild) {
        Map<String, String> variables = new LinkedHashMap<>();
        if (postBuild == null) {
            return variables;
        }
        for (SubstituteReference from : postBuild.getSubstituteFrom()) {
            if (from.getKind() == SubstituteReference.Kind.ConfigMap) {
                ConfigMap map = client.configMaps().inNamespace(namespace).withName(from.getName()).get();
                if (map == null) {
                    requireOptional(from, namespace);
                } else if (map.getData() != null) {
                    variables.putAll(map.getData());
                }
            } else {
                Secret secret = client.secrets().inNamespace(namespace).withName(from.getName()).get();
                if (secret == null) {
                    requireOptional(from, namespace);
                } else if (secret.getData() != null) {
                    secret.getData().forEach((k, v) -> variables.put(k,
                            new String(Base64.getMimeDecoder().decode(v), StandardCharsets.UTF_8)));
                }
            }
        }
        variables.putAll(postBuild.getSubstitute());
        return variables;
    }

    private static void requireOptional(SubstituteReference from, String namespace) {
        if (!Boolean.TRUE.equals(from.getOptional())) {
            throw new IllegalStateException(from.getKind() + " " + namespace + "/" + from.getName()
                    + " (spec.postBuild.substituteFrom) not found");
        }
    }

    /** The GitSyncs of spec.dependsOn that are not Ready for their current generation, described. */
    List<String> notReadyDependencies(GitSync gitSync) {
        List<String> notReady = new ArrayList<>();
        for (GitSyncDependency dependency : gitSync.getSpec().getDependsOn()) {
            String namespace = dependency.getNamespace() == null || dependency.getNamespace().isEmpty()
                    ? gitSync.getMetadata().getNamespace() : dependency.getNamespace();
            GitSync other = client.resources(GitSync.class).inNamespace(namespace).withName(dependency.getName())
                    .get();
            if (other == null) {
                notReady.add("GitSync " + namespace + "/" + dependency.getName() + " (not found)");
            } else if (other.getStatus() == null
                    || !Conditions.isTrue(other.getStatus().getConditions(), GitSyncConditions.READY)
                    || !other.getMetadata().getGeneration().equals(other.getStatus().getObservedGeneration())) {
                notReady.add("GitSync " + namespace + "/" + dependency.getName());
            }
        }
        return notReady;
    }
}
