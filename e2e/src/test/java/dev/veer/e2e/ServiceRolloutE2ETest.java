package dev.veer.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * Runs a ServiceRollout through a canary on a real cluster (the one KUBECONFIG names), with Veer running against it.
 * Run with {@code ./mvnw -pl e2e -Pe2e test}; see the README.
 */
class ServiceRolloutE2ETest {

    private static final ResourceDefinitionContext ROLLOUTS = new ResourceDefinitionContext.Builder()
            .withGroup("veer.dev").withVersion("v1alpha1").withKind("ServiceRollout").withPlural("servicerollouts")
            .withNamespaced(true).build();
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private static KubernetesClient client;
    private static String namespace;

    @BeforeAll
    static void connect() throws IOException {
        client = new KubernetesClientBuilder().build();
        namespace = "veer-e2e-" + UUID.randomUUID().toString().substring(0, 8);
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
    }

    @AfterAll
    static void cleanUp() {
        if (client != null) {
            client.namespaces().withName(namespace).delete();
            client.close();
        }
    }

    @Test
    void canaryRollsANewVersionOutToHealthy() {
        var rollouts = client.genericKubernetesResources(ROLLOUTS).inNamespace(namespace);
        GenericKubernetesResource rollout = client.getKubernetesSerialization().unmarshal("""
                apiVersion: veer.dev/v1alpha1
                kind: ServiceRollout
                metadata:
                  name: web
                spec:
                  replicas: 2
                  service:
                    ports: [{name: http, port: 80}]
                  strategy:
                    canary:
                      scaleDownDelaySeconds: 5
                      steps: [{setWeight: 50}, {pause: {duration: 5s}}]
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers:
                        - name: web
                          image: nginx:1.25
                          ports: [{containerPort: 80}]
                          readinessProbe: {httpGet: {path: /, port: 80}}
                """, GenericKubernetesResource.class);
        rollouts.resource(rollout).create();
        awaitHealthyAt(1);

        GenericKubernetesResource current = rollouts.withName("web").get();
        Map<String, Object> podSpec = current.get("spec", "template", "spec");
        @SuppressWarnings("unchecked")
        var containers = (java.util.List<Map<String, Object>>) podSpec.get("containers");
        containers.get(0).put("image", "nginx:1.26");
        rollouts.resource(current).update();

        awaitHealthyAt(2);
    }

    private void awaitHealthyAt(int revision) {
        await().atMost(TIMEOUT).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            GenericKubernetesResource r = client.genericKubernetesResources(ROLLOUTS).inNamespace(namespace)
                    .withName("web").get();
            Map<String, Object> status = r.get("status");
            assertThat(status).isNotNull();
            assertThat(status.get("phase")).isEqualTo("Healthy");
            assertThat(status.get("stableRevision")).isEqualTo(revision);
        });
    }
}
