package dev.veer.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.veer.api.ConfigWatch;
import dev.veer.api.HealthCheck;
import dev.veer.api.ServiceRollout;
import dev.veer.common.Conditions;
import dev.veer.rollout.plan.RolloutConditions;
import dev.veer.testing.MockApiServer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every resource of {@code samples/} applied into one namespace, as the sandbox does, is accepted by the reconcilers
 * that own it: a HealthCheck is Ready, a ServiceRollout and a ConfigWatch report no InvalidSpec. (The one expected
 * wait: a rollout whose configFrom names a ConfigWatch with no version yet, since no etcd runs here, reports
 * ConfigNotReady.)
 */
@QuarkusTest
@QuarkusTestResource(MockApiServer.class)
class SamplesAcceptedTest {

    private static final Path SAMPLES = Path.of(System.getProperty("veer.samples.dir", "../samples"));
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    KubernetesClient client;

    @Test
    void everySampleIsAcceptedByItsReconciler() throws IOException {
        String namespace = "samples-" + UUID.randomUUID().toString().substring(0, 6);
        client.resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
        List<HasMetadata> applied = apply(namespace);

        List<String> kinds = applied.stream().map(HasMetadata::getKind).distinct().toList();
        assertThat(kinds).contains("HealthCheck", "ServiceRollout", "ConfigWatch");
        for (HasMetadata resource : applied) {
            String name = resource.getMetadata().getName();
            switch (resource.getKind()) {
                case "HealthCheck" -> await().atMost(WAIT).untilAsserted(() -> {
                    var status = client.resources(HealthCheck.class).inNamespace(namespace).withName(name).get()
                            .getStatus();
                    assertThat(status).as("status of hc/%s", name).isNotNull();
                    assertThat(Conditions.find(status.getConditions(), "Ready")).as("hc/%s", name)
                            .hasValueSatisfying(c -> assertThat(c.getStatus()).as(c.getMessage()).isEqualTo("True"));
                });
                case "ServiceRollout" -> await().atMost(WAIT).untilAsserted(() -> {
                    var status = client.resources(ServiceRollout.class).inNamespace(namespace).withName(name).get()
                            .getStatus();
                    assertThat(status).as("status of sr/%s", name).isNotNull();
                    var invalid = Conditions.find(status.getConditions(), RolloutConditions.INVALID_SPEC);
                    assertThat(invalid).as("sr/%s", name).isPresent();
                    if (invalid.get().getStatus().equals("True")) {
                        assertThat(invalid.get().getReason()).as("sr/%s: %s", name, invalid.get().getMessage())
                                .isEqualTo(RolloutConditions.CONFIG_NOT_READY);
                    }
                });
                case "ConfigWatch" -> await().atMost(WAIT).untilAsserted(() -> {
                    var status = client.resources(ConfigWatch.class).inNamespace(namespace).withName(name).get()
                            .getStatus();
                    assertThat(status).as("status of cw/%s", name).isNotNull();
                    assertThat(status.getConditions()).as("cw/%s", name).isNotEmpty()
                            .noneMatch(c -> "InvalidSpec".equals(c.getReason()));
                });
                default -> {
                    // Deployments, HTTPRoutes: objects the samples' Veer resources refer to
                }
            }
        }
    }

    private List<HasMetadata> apply(String namespace) throws IOException {
        List<HasMetadata> applied = new ArrayList<>();
        try (Stream<Path> files = Files.list(SAMPLES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    for (HasMetadata resource : client.load(in).items()) {
                        resource.getMetadata().setNamespace(namespace);
                        applied.add(client.resource(resource).create());
                    }
                }
            }
        }
        return applied;
    }
}
