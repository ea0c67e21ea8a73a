package dev.veer.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.inject.Inject;

import java.net.URL;
import java.time.Duration;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.veer.api.RolloutPhase;
import dev.veer.api.RolloutStage;
import dev.veer.rollout.RolloutFixtures;
import dev.veer.testing.MockApiServer;
import dev.veer.testing.servers.PrometheusServerExtension;
import dev.veer.testing.servers.QueryResult;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every query of the Grafana dashboard and every alert expression, evaluated by a real Prometheus that scrapes the
 * running operator: the operator reconciles a canary rollout with a background analysis (measured on the same
 * Prometheus), completes a step, is aborted, and reconciles a ConfigWatch whose etcd is unreachable. Each panel's
 * query must parse and return series, so a renamed or dropped metric breaks the build.
 */
@QuarkusTest
@QuarkusTestResource(MockApiServer.class)
class MonitoringQueriesTest {

    @RegisterExtension
    static final PrometheusServerExtension prometheus = new PrometheusServerExtension();

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    KubernetesClient client;

    @TestHTTPResource("/q/metrics")
    URL metrics;

    @Test
    void everyPanelQueryReturnsSeriesAndEveryAlertExpressionParses() {
        String job = "veer-monitoring-test";
        prometheus.addScrapeTarget(job, "127.0.0.1:" + metrics.getPort(), Map.of("__metrics_path__", "/q/metrics"));
        RolloutFixtures cluster = RolloutFixtures.inNewNamespace(client);
        exportEverySeriesTheDashboardShows(cluster);

        await().atMost(WAIT).until(() -> !prometheus.query("veer_configwatch_source_reachable{job=\"" + job + "\"}")
                .isEmpty());
        TreeSet<String> names = new TreeSet<>();
        prometheus.query("{job=\"" + job + "\", __name__=~\"veer_.*|operator_sdk_.*\"}").series()
                .forEach(s -> names.add(s.labels().get("__name__")));
        System.out.println("Metrics the dashboard can use (scraped from the operator): " + names);
        prometheus.query("operator_sdk_controllers_execution_reconcile_seconds_count{job=\"" + job + "\"}").series()
                .stream().limit(2).forEach(s -> System.out.println("  for example " + s.labels()));
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (MonitoringFiles.PanelQuery query : MonitoringFiles.panelQueries()) {
                QueryResult result = prometheus.query(query.expr());
                assertThat(result.isEmpty()).as("panel \"%s\": %s returns no series", query.panel(), query.expr())
                        .isFalse();
                for (String label : groupedBy(query.expr())) {
                    assertThat(result.series()).as("panel \"%s\": %s groups by %s, which its series have",
                            query.panel(), query.expr(), label).anyMatch(s -> s.labels().containsKey(label));
                }
            }
        });
        for (String expression : MonitoringFiles.ruleExpressions()) {
            prometheus.query(expression);
        }
    }

    /** The labels of every {@code by (...)} clause of a query: its series must carry them, or the legend is empty. */
    static java.util.Set<String> groupedBy(String expr) {
        java.util.Set<String> labels = new java.util.TreeSet<>();
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("by \\(([^)]*)\\)").matcher(expr);
        while (matcher.find()) {
            for (String label : matcher.group(1).split(",")) {
                labels.add(label.trim());
            }
        }
        return labels;
    }

    /**
     * A canary with a background analysis on this Prometheus: revision 1 becomes Healthy, revision 2 completes its
     * first step and pauses while the analysis measures, then is aborted (a rollback by reason). A ConfigWatch on an
     * etcd that does not answer reports its source unreachable.
     */
    private void exportEverySeriesTheDashboardShows(RolloutFixtures cluster) {
        String analysis = "{analysis: {metrics: [{name: error-rate, interval: 1s, successCondition: 'result <= 0.01', "
                + "provider: {prometheus: {address: '" + prometheus.baseUri() + "', query: 'vector(0.002)'}}}]}}";
        cluster.create(RolloutFixtures.canaryWith("shop", "shop:1", 2, "[{setWeight: 50}, {pause: {}}]",
                "      analysis: " + analysis.substring("{analysis: ".length(), analysis.length() - 1)));
        cluster.awaitStatus("shop", s -> assertThat(s.getPhase()).isEqualTo(RolloutPhase.Healthy));
        cluster.update("shop", r -> r.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("shop:2"));
        cluster.awaitStatus("shop", s -> {
            assertThat(s.getPhase()).isEqualTo(RolloutPhase.Paused);
            assertThat(s.getAnalysisRuns()).isNotEmpty();
            assertThat(s.getAnalysisRuns().get(0).getMetrics().get(0).getSuccessful()).isPositive();
        });
        cluster.act("shop", "abort");
        cluster.awaitStatus("shop", s -> assertThat(s.getStage()).isEqualTo(RolloutStage.Aborted));
        var watch = client.getKubernetesSerialization().unmarshal("""
                apiVersion: veer.dev/v1alpha1
                kind: ConfigWatch
                metadata: {name: pricing}
                spec:
                  source: {etcd: {endpoints: ["http://127.0.0.1:1"], prefix: /apps/pricing/, dialTimeout: 1s}}
                  target: {kind: ConfigMap, name: pricing, format: keys}
                """, dev.veer.api.ConfigWatch.class);
        watch.getMetadata().setNamespace(cluster.namespace());
        client.resource(watch).create();
    }
}
