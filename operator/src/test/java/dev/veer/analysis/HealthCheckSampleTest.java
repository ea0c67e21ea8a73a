package dev.veer.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.veer.api.AnalysisSpec;
import dev.veer.api.HealthCheck;
import dev.veer.api.HealthCheckRef;
import dev.veer.sandbox.apiserver.CrdSchema;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * {@code samples/healthcheck-error-rate.yaml} is valid for a real API server (the CRD's schema and CEL rules, checked
 * here since the mock server checks neither), every field is one the model knows, and it resolves into the query
 * and conditions Veer will run. The CRD's rules reject what they are meant to.
 */
class HealthCheckSampleTest {

    private static final Path SAMPLE = Path.of(System.getProperty("veer.samples.dir", "../samples"),
            "healthcheck-error-rate.yaml");
    private static final CrdSchema SCHEMA = CrdSchema.load(Path.of(System.getProperty("veer.crds.dir", "../crds"),
            "healthchecks.veer.dev-v1.yml"));

    @Test
    void sampleFollowsTheCrdSchemaAndItsCelRules() {
        assertThat(SCHEMA.violations(CrdSchema.readYaml(SAMPLE))).isEmpty();
    }

    @Test
    void sampleResolvesIntoTheQueryAndConditionsForTheSlotBeingJudged() throws Exception {
        HealthCheck healthCheck = load();
        var resolver = new AnalysisResolver((namespace, name) -> Optional.of(healthCheck.getSpec()),
                new BuiltinTemplates(Optional.empty()));
        var analysis = new AnalysisSpec();
        analysis.setTemplates(List.of(new HealthCheckRef(healthCheck.getMetadata().getName())));

        ResolvedMetric metric = resolver.resolve(analysis, AnalysisFixtures.CHECKOUT).get(0);

        assertThat(metric.provider().getPrometheus().getQuery()).isEqualTo(
                "(sum(rate(http_server_requests_seconds_count{namespace=\"shop\",service=\"checkout-green\","
                        + "status=~\"5..\"}[2m])) or vector(0)) / sum(rate(http_server_requests_seconds_count{"
                        + "namespace=\"shop\",service=\"checkout-green\"}[2m]))");
        assertThat(metric.success().orElseThrow().source()).isEqualTo("result <= 0.01");
        assertThat(metric.rules().count()).hasValue(5);
    }

    @Test
    void metricWithoutConditionsIsRejected() {
        assertThat(violations(metric -> {
            metric.remove("successCondition");
            metric.remove("failureCondition");
        })).containsExactly(".spec.metrics[0]: a metric needs a successCondition, a failureCondition or both");
    }

    @Test
    void credentialsInAnAuthorizationHeaderAreRejected() {
        assertThat(violations(metric -> ((ObjectNode) metric.path("provider").path("prometheus")).putArray("headers")
                .addObject().put("name", "authorization").put("value", "Bearer x")))
                .containsExactly(".spec.metrics[0].provider.prometheus: put credentials in authSecretRef, not in an "
                        + "Authorization header");
    }

    @Test
    void addressThatIsNotAUrlOrPlaceholderIsRejected() {
        assertThat(violations(metric -> ((ObjectNode) metric.path("provider").path("prometheus"))
                .put("address", "prometheus:9090"))).singleElement().asString()
                .startsWith(".spec.metrics[0].provider.prometheus.address: address must be an http:// or https:// URL");
    }

    @Test
    void durationsLimitsAndNoDataAreChecked() {
        assertThat(violations(metric -> metric.put("interval", "30 seconds").put("failureLimit", -1)
                .put("noData", "Succeed"))).containsExactlyInAnyOrder(
                        ".spec.metrics[0].interval: '30 seconds' does not match ^([0-9]+(ms|s|m|h))+$",
                        ".spec.metrics[0].failureLimit: less than 0.0",
                        ".spec.metrics[0].noData: 'Succeed' is not one of [\"Fail\",\"Inconclusive\"]");
    }

    @Test
    void metricNamesMustBeUnique() {
        JsonNode sample = CrdSchema.readYaml(SAMPLE);
        var metrics = (ArrayNode) sample.path("spec").path("metrics");
        metrics.add(metrics.get(0).deepCopy());
        assertThat(SCHEMA.violations(sample)).containsExactly(".spec: metric names must be unique within a "
                + "HealthCheck");
    }

    private static List<String> violations(Consumer<ObjectNode> change) {
        JsonNode sample = CrdSchema.readYaml(SAMPLE);
        change.accept((ObjectNode) sample.path("spec").path("metrics").get(0));
        return SCHEMA.violations(sample);
    }

    /** Loads the sample as the operator would; Veer's classes reject fields they do not know. */
    private static HealthCheck load() throws IOException {
        var serialization = new KubernetesSerialization();
        serialization.registerKubernetesResource(HealthCheck.class);
        try (InputStream in = Files.newInputStream(SAMPLE)) {
            return serialization.unmarshal(in, HealthCheck.class);
        }
    }
}
