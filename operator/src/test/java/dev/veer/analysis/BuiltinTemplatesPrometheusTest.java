package dev.veer.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.veer.analysis.prometheus.PrometheusMetricProvider;
import dev.veer.api.AnalysisArg;
import dev.veer.api.AnalysisPhase;
import dev.veer.api.AnalysisSpec;
import dev.veer.api.BuiltinTemplate;
import dev.veer.api.Slot;
import dev.veer.testing.servers.PrometheusServerExtension;
import dev.veer.testing.servers.QueryResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The built-in templates on real micrometer output: an instrumented service scraped every second by the run's real
 * Prometheus, with the labels a ServiceMonitor would give its slot Service, and an error rate the test changes.
 */
class BuiltinTemplatesPrometheusTest {

    @RegisterExtension
    static final PrometheusServerExtension prometheus = new PrometheusServerExtension();

    /** The first scrape of a new target comes about 5 s after it is registered; a rate needs two. */
    private static final Duration FIRST_RATE = Duration.ofSeconds(40);

    /**
     * One service for the class, so that the wait for the first scrapes is paid once. Only the error-rate test changes
     * its error rate, after its healthy phase; latency does not depend on it.
     */
    private static final RolloutContext rollout = new RolloutContext("checkout", "it-" + UUID.randomUUID(),
            Slot.GREEN, 2);
    private static InstrumentedService service;

    @BeforeAll
    static void startService() {
        service = InstrumentedService.start();
        service.sendLoad(Duration.ofMillis(20));
        prometheus.addScrapeTarget("veer-it-" + UUID.randomUUID(), service.hostPort(),
                Map.of("namespace", rollout.namespace(), "service", "checkout-green"));
    }

    @AfterAll
    static void stopService() {
        service.close();
    }

    @Test
    void errorRateTemplateSucceedsOnAHealthyServiceAndFailsOnceItsErrorRateRises() throws Exception {
        AnalysisRunner runner = runner();
        AnalysisSpec errorRate = builtin(BuiltinTemplate.ERROR_RATE);
        String query = resolver().resolve(errorRate, rollout).get(0).provider().getPrometheus().getQuery();

        Awaitility.await().atMost(FIRST_RATE).until(() -> isNumber(prometheus.query(query)));
        AnalysisOutcome healthy = runner.run("healthy", errorRate, rollout, null);

        assertThat(healthy.verdict().phase()).isEqualTo(AnalysisPhase.Successful);
        assertThat(healthy.verdict().decidingMessage()).isEqualTo("all metrics successful: error-rate 0 (successful)");

        service.failPercent(20);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> value(prometheus.query(query)) > 0.05);
        AnalysisOutcome failing = runner.run("failing", errorRate, rollout, null);

        assertThat(failing.verdict().phase()).isEqualTo(AnalysisPhase.Failed);
        assertThat(failing.verdict().decidingMessage()).startsWith("metric error-rate failed: 1 failed measurement(s), "
                + "more than failureLimit 0; last: value 0.").endsWith(" meets failureCondition 'result > 0.01'");
        double measured = Double.parseDouble(failing.status().getMetrics().get(0).getMeasurements().get(0).getValue());
        assertThat(measured).isBetween(0.05, 0.21);
    }

    @Test
    void latencyP99TemplateReadsTheHistogramOfAFastService() throws Exception {
        AnalysisRunner runner = runner();
        AnalysisSpec latency = builtin(BuiltinTemplate.LATENCY_P99, new AnalysisArg("maxLatencySeconds", "2"));
        String query = resolver().resolve(latency, rollout).get(0).provider().getPrometheus().getQuery();

        Awaitility.await().atMost(FIRST_RATE).until(() -> isNumber(prometheus.query(query)));
        AnalysisOutcome outcome = runner.run("latency", latency, rollout, null);

        assertThat(outcome.verdict().phase()).isEqualTo(AnalysisPhase.Successful);
        double p99 = Double.parseDouble(outcome.status().getMetrics().get(0).getMeasurements().get(0).getValue());
        assertThat(p99).isPositive().isLessThan(2);
    }

    private AnalysisSpec builtin(BuiltinTemplate template, AnalysisArg... extra) {
        var spec = new AnalysisSpec();
        spec.setBuiltin(List.of(template));
        var args = new ArrayList<>(List.of(new AnalysisArg("window", "10s"), new AnalysisArg("count", "1")));
        args.addAll(List.of(extra));
        spec.setArgs(args);
        return spec;
    }

    private AnalysisResolver resolver() {
        return new AnalysisResolver((namespace, name) -> Optional.empty(),
                new BuiltinTemplates(Optional.of(prometheus.baseUri().toString())));
    }

    private AnalysisRunner runner() {
        return new AnalysisRunner(resolver(), new PrometheusMetricProvider((namespace, ref) -> {
            throw new AssertionError("no credentials expected");
        }), new AnalysisMetrics(new SimpleMeterRegistry()), Clock.systemUTC());
    }

    private static boolean isNumber(QueryResult result) {
        return !Double.isNaN(value(result));
    }

    private static double value(QueryResult result) {
        return result.series().size() == 1 ? result.series().get(0).samples().get(0).value() : Double.NaN;
    }
}
