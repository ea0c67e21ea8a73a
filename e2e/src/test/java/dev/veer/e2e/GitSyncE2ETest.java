package dev.veer.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * GitSync on a real API server (the one KUBECONFIG names), with Veer running against it on this machine
 * ({@code ./mvnw -pl operator quarkus:dev}): the repositories are local bare repositories reached over file://, made
 * with the git command line. Covers what the mock API server cannot: server-side apply, dry-run refusals, drift,
 * prune and impersonation.
 */
class GitSyncE2ETest {

    private static final ResourceDefinitionContext GITSYNCS = new ResourceDefinitionContext.Builder()
            .withGroup("veer.dev").withVersion("v1alpha1").withKind("GitSync").withPlural("gitsyncs")
            .withNamespaced(true).build();
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private static KubernetesClient client;
    private static String namespace;
    private static Path repositories;

    @BeforeAll
    static void connect() throws IOException {
        client = new KubernetesClientBuilder().build();
        namespace = "veer-gs-e2e-" + UUID.randomUUID().toString().substring(0, 8);
        Path crds = Path.of(System.getProperty("veer.repo.root", ".."), "crds");
        try (Stream<Path> files = Files.list(crds)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    CustomResourceDefinition crd = client.getKubernetesSerialization().unmarshal(in,
                            CustomResourceDefinition.class);
                    client.resource(crd).fieldManager("veer-e2e").forceConflicts().serverSideApply();
                }
            }
        }
        client.resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
        repositories = Files.createTempDirectory("veer-gitsync-e2e-");
    }

    @AfterAll
    static void cleanUp() {
        if (client != null) {
            client.namespaces().withName(namespace).delete();
            client.close();
        }
    }

    @Test
    void aCommitIsAppliedDriftIsCorrectedAndWhatLeavesIsPruned() {
        LocalRepository repo = LocalRepository.create(repositories.resolve("apply"));
        String first = repo.commit(Map.of("app/a.yaml", configMap("a", "1"), "app/b.yaml", configMap("b", "1"),
                "app/kept.yaml", configMap("kept", "1").replace("metadata:\n",
                        "metadata:\n  annotations:\n    veer.dev/reconcile: disabled\n")), "first");
        createGitSync("apply", repo, null);

        awaitStatus("apply", status -> {
            assertThat(status.get("lastAppliedCommit")).isEqualTo(first);
            assertThat(readyReason(status)).isEqualTo("Applied");
        });
        ConfigMap a = client.configMaps().inNamespace(namespace).withName("a").get();
        assertThat(a.getMetadata().getAnnotations()).containsEntry("veer.dev/git-commit", first);
        assertThat(a.getMetadata().getManagedFields()).anyMatch(f -> "veer-gitsync".equals(f.getManager())
                && "Apply".equals(f.getOperation()));

        // Changed by hand: corrected on the next interval; the opted-out one is reported and left as it is.
        for (String name : List.of("a", "kept")) {
            client.configMaps().inNamespace(namespace).withName(name)
                    .edit(cm -> { cm.getData().put("value", "by-hand"); return cm; });
        }
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(client.configMaps().inNamespace(namespace)
                .withName("a").get().getData()).containsEntry("value", "1"));
        awaitStatus("apply", status -> assertThat(String.valueOf(status.get("drift"))).contains("kept")
                .contains("data.value"));
        assertThat(client.configMaps().inNamespace(namespace).withName("kept").get().getData())
                .containsEntry("value", "by-hand");

        Map<String, String> removeB = new java.util.HashMap<>();
        removeB.put("app/b.yaml", null);
        String second = repo.commit(removeB, "b leaves");
        awaitStatus("apply", status -> assertThat(status.get("lastAppliedCommit")).isEqualTo(second));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(client.configMaps().inNamespace(namespace)
                .withName("b").get()).isNull());
    }

    @Test
    void anObjectTheApiServerRefusesMeansNothingIsApplied() {
        LocalRepository repo = LocalRepository.create(repositories.resolve("invalid"));
        repo.commit(Map.of("ok.yaml", configMap("should-not-exist", "1"),
                "bad.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: no-selector\nspec:\n"
                        + "  template:\n    metadata:\n      labels: {app: x}\n    spec:\n      containers:\n"
                        + "      - name: x\n        image: nginx\n"), "invalid");
        createGitSync("invalid", repo, null);

        awaitStatus("invalid", status -> {
            assertThat(readyReason(status)).isEqualTo("ValidationFailed");
            assertThat(String.valueOf(status.get("errors"))).contains("bad.yaml").contains("selector");
        });
        assertThat(client.configMaps().inNamespace(namespace).withName("should-not-exist").get()).isNull();
    }

    @Test
    void aGitSyncDoesNoMoreThanItsServiceAccountMay() {
        client.resource(new ServiceAccountBuilder().withNewMetadata().withName("configmaps-only")
                .withNamespace(namespace).endMetadata().build()).create();
        client.resource(new RoleBuilder().withNewMetadata().withName("configmaps-only").withNamespace(namespace)
                .endMetadata().addNewRule().withApiGroups("").withResources("configmaps")
                .withVerbs("get", "list", "watch", "create", "update", "patch", "delete").endRule().build()).create();
        client.resource(new RoleBindingBuilder().withNewMetadata().withName("configmaps-only")
                .withNamespace(namespace).endMetadata().withNewRoleRef().withApiGroup("rbac.authorization.k8s.io")
                .withKind("Role").withName("configmaps-only").endRoleRef().addNewSubject().withKind("ServiceAccount")
                .withName("configmaps-only").withNamespace(namespace).endSubject().build()).create();
        LocalRepository repo = LocalRepository.create(repositories.resolve("impersonation"));
        repo.commit(Map.of("cm.yaml", configMap("allowed", "1"), "secret.yaml", "apiVersion: v1\nkind: Secret\n"
                + "metadata:\n  name: not-allowed\nstringData:\n  k: v\n"), "needs a Secret");
        createGitSync("impersonation", repo, "configmaps-only");

        awaitStatus("impersonation", status -> {
            assertThat(readyReason(status)).isEqualTo("ValidationFailed");
            assertThat(String.valueOf(status.get("errors"))).contains("secret.yaml").contains("forbidden");
        });
        assertThat(client.configMaps().inNamespace(namespace).withName("allowed").get()).isNull();
        assertThat(client.secrets().inNamespace(namespace).withName("not-allowed").get()).isNull();
    }

    private void createGitSync(String name, LocalRepository repo, String serviceAccount) {
        String yaml = "apiVersion: veer.dev/v1alpha1\nkind: GitSync\nmetadata:\n  name: " + name + "\nspec:\n"
                + "  repository:\n    url: " + repo.url() + "\n    ref: {branch: main}\n    interval: 5s\n"
                + (serviceAccount == null ? "" : "  serviceAccountName: " + serviceAccount + "\n");
        GenericKubernetesResource gitSync = client.getKubernetesSerialization().unmarshal(yaml,
                GenericKubernetesResource.class);
        client.genericKubernetesResources(GITSYNCS).inNamespace(namespace).resource(gitSync).create();
    }

    private void awaitStatus(String name, java.util.function.Consumer<Map<String, Object>> assertion) {
        await().atMost(TIMEOUT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            GenericKubernetesResource gitSync = client.genericKubernetesResources(GITSYNCS).inNamespace(namespace)
                    .withName(name).get();
            Map<String, Object> status = gitSync.get("status");
            assertThat(status).isNotNull();
            assertion.accept(status);
        });
    }

    @SuppressWarnings("unchecked")
    private static String readyReason(Map<String, Object> status) {
        List<Map<String, Object>> conditions = (List<Map<String, Object>>) status.get("conditions");
        return conditions.stream().filter(c -> "Ready".equals(c.get("type"))).map(c -> (String) c.get("reason"))
                .findFirst().orElse(null);
    }

    private static String configMap(String name, String value) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n  value: \"" + value + "\"\n";
    }

    /** A bare repository on this machine and a work tree that commits and pushes to it, with the git command. */
    private record LocalRepository(Path bare, Path work) {

        static LocalRepository create(Path directory) {
            Path bare = directory.resolve("repo.git");
            Path work = directory.resolve("work");
            git(directory.getParent(), "init", "--quiet", "--bare", "--initial-branch=main", bare.toString());
            git(directory.getParent(), "init", "--quiet", "--initial-branch=main", work.toString());
            git(work, "remote", "add", "origin", bare.toString());
            return new LocalRepository(bare, work);
        }

        String url() {
            return "file://" + bare.toAbsolutePath();
        }

        /** Writes (a null content deletes) the files, commits, pushes main; returns the commit id. */
        String commit(Map<String, String> files, String message) {
            try {
                for (var file : files.entrySet()) {
                    Path path = work.resolve(file.getKey());
                    if (file.getValue() == null) {
                        git(work, "rm", "--quiet", file.getKey());
                    } else {
                        Files.createDirectories(path.getParent());
                        Files.writeString(path, file.getValue());
                        git(work, "add", file.getKey());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            git(work, "-c", "user.name=veer-e2e", "-c", "user.email=e2e@veer.dev", "commit", "--quiet", "-m", message);
            git(work, "push", "--quiet", "origin", "main");
            return git(work, "rev-parse", "HEAD").trim();
        }

        private static String git(Path directory, String... arguments) {
            List<String> command = new ArrayList<>();
            command.add("git");
            command.addAll(List.of(arguments));
            try {
                Files.createDirectories(directory);
                Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                        .start();
                String output = new String(process.getInputStream().readAllBytes());
                if (process.waitFor() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
                }
                return output;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
