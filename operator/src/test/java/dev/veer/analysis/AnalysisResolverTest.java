package dev.veer.analysis;

import static dev.veer.analysis.AnalysisFixtures.CHECKOUT;
import static dev.veer.analysis.AnalysisFixtures.declared;
import static dev.veer.analysis.AnalysisFixtures.healthCheck;
import static dev.veer.analysis.AnalysisFixtures.inline;
import static dev.veer.analysis.AnalysisFixtures.metric;
import static dev.veer.analysis.AnalysisFixtures.templates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.veer.api.AnalysisArg;
import dev.veer.api.AnalysisSpec;
import dev.veer.api.HttpHeader;
import dev.veer.api.NoDataPolicy;

class AnalysisResolverTest {

    private static final String QUERY = "sum(rate(errors{job=\"{{args.job}}\",slot=\"{{slot}}\"}[{{args.window}}]))";

    @Test
    void healthCheckArgsTakeTheRolloutsValueOverTheDeclaredDefault() throws Exception {
        var healthCheck = healthCheck(List.of(declared("job", null), declared("window", "1m"), declared("max", "0.01")),
                metric("errors", "http://prometheus:9090", QUERY, "result < {{args.max}}"));
        var resolver = AnalysisFixtures.resolver(Map.of("shop/errors", healthCheck));

        var metrics = resolver.resolve(templates(List.of("errors"), new AnalysisArg("job", "checkout"),
                new AnalysisArg("max", "0.05")), CHECKOUT);

        assertThat(metrics).singleElement().satisfies(metric -> {
            assertThat(metric.source()).isEqualTo("HealthCheck errors");
            assertThat(metric.provider().getPrometheus().getQuery())
                    .isEqualTo("sum(rate(errors{job=\"checkout\",slot=\"green\"}[1m]))");
            assertThat(metric.success().orElseThrow().source()).isEqualTo("result < 0.05");
            assertThat(metric.noData()).isEqualTo(NoDataPolicy.Inconclusive);
        });
        assertThat(healthCheck.getMetrics().get(0).getProvider().getPrometheus().getQuery())
                .as("the HealthCheck itself is not changed").isEqualTo(QUERY);
    }

    @Test
    void argValuesMayUseTheRolloutsPlaceholders() throws Exception {
        var resolver = AnalysisFixtures.resolver(Map.of("shop/hc", healthCheck(List.of(declared("job", null),
                declared("window", "1m")), metric("m", "http://p:9090", QUERY, "result < 1"))));

        var metrics = resolver.resolve(templates(List.of("hc"), new AnalysisArg("job", "{{rollout}}-{{revision}}")),
                CHECKOUT);

        assertThat(metrics.get(0).provider().getPrometheus().getQuery()).contains("job=\"checkout-3\"");
    }

    @Test
    void addressAndHeaderValuesAreFilledToo() throws Exception {
        var metric = metric("m", "{{args.prometheus}}", "up", "result == 1");
        metric.getProvider().getPrometheus().setHeaders(List.of(new HttpHeader("X-Scope-OrgID", "{{namespace}}")));

        var resolved = AnalysisFixtures.resolver(Map.of()).resolve(withArgs(inline(metric),
                new AnalysisArg("prometheus", "http://mimir:8080/prometheus")), CHECKOUT).get(0);

        assertThat(resolved.provider().getPrometheus().getAddress()).isEqualTo("http://mimir:8080/prometheus");
        assertThat(resolved.provider().getPrometheus().getHeaders().get(0).getValue()).isEqualTo("shop");
    }

    @Test
    void missingHealthCheckIsInvalid() {
        assertThatThrownBy(() -> AnalysisFixtures.resolver(Map.of()).resolve(templates(List.of("absent")), CHECKOUT))
                .isInstanceOf(InvalidAnalysisException.class)
                .hasMessage("HealthCheck absent not found in namespace shop");
    }

    @Test
    void declaredArgWithoutDefaultMustBePassed() {
        var resolver = AnalysisFixtures.resolver(Map.of("shop/hc", healthCheck(List.of(declared("job", null)),
                metric("m", "result < 1"))));
        assertThatThrownBy(() -> resolver.resolve(templates(List.of("hc")), CHECKOUT))
                .isInstanceOf(InvalidAnalysisException.class)
                .hasMessage("HealthCheck hc needs arg job: pass it in the analysis args");
    }

    @Test
    void conditionThatDoesNotCompileNamesTheTemplateAndMetric() {
        var resolver = AnalysisFixtures.resolver(Map.of("shop/hc", healthCheck(List.of(),
                metric("latency", "result <<< 1"))));
        assertThatThrownBy(() -> resolver.resolve(templates(List.of("hc")), CHECKOUT))
                .isInstanceOf(InvalidAnalysisException.class)
                .hasMessageStartingWith("HealthCheck hc: metric latency: successCondition 'result <<< 1' does not "
                        + "compile: column ");
    }

    @Test
    void metricNamesMustBeUniqueAcrossTemplates() {
        var resolver = AnalysisFixtures.resolver(Map.of("shop/a", healthCheck(List.of(), metric("errors", "result < 1")),
                "shop/b", healthCheck(List.of(), metric("errors", "result < 2"))));
        assertThatThrownBy(() -> resolver.resolve(templates(List.of("a", "b")), CHECKOUT))
                .isInstanceOf(InvalidAnalysisException.class)
                .hasMessage("metric errors of HealthCheck b has the name of another metric of the analysis: metric "
                        + "names must be unique");
    }

    @Test
    void metricWithoutAnyConditionIsInvalid() {
        var metric = metric("m", null);
        assertThatThrownBy(() -> AnalysisFixtures.resolver(Map.of()).resolve(inline(metric), CHECKOUT))
                .hasMessage("the analysis' inline metrics: metric m needs a successCondition, a failureCondition or "
                        + "both");
    }

    @Test
    void malformedIntervalIsInvalid() {
        var metric = metric("m", "result < 1");
        metric.setInterval("30 seconds");
        assertThatThrownBy(() -> AnalysisFixtures.resolver(Map.of()).resolve(inline(metric), CHECKOUT))
                .isInstanceOf(InvalidAnalysisException.class).hasMessageContaining("metric m: interval");
    }

    @Test
    void emptyAnalysisIsInvalid() {
        assertThatThrownBy(() -> AnalysisFixtures.resolver(Map.of()).resolve(new AnalysisSpec(), CHECKOUT))
                .hasMessage("the analysis has no metrics: set templates, builtin or metrics");
    }

    private static AnalysisSpec withArgs(AnalysisSpec spec, AnalysisArg... args) {
        spec.setArgs(List.of(args));
        return spec;
    }
}
