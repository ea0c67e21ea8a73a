package dev.veer.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.junit.jupiter.api.Test;

import dev.veer.analysis.AnalysisFixtures.TestClock;
import dev.veer.api.AnalysisPhase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** {@code veer.analysis.allowed-addresses}: which addresses an entry allows, and what a refusal looks like. */
class AllowedAddressesTest {

    @ParameterizedTest(name = "{0} allows {1}: {2}")
    @CsvSource({
            "http://prometheus.monitoring:9090,             http://prometheus.monitoring:9090,             true",
            "http://prometheus.monitoring:9090,             http://prometheus.monitoring:9090/,            true",
            "http://prometheus.monitoring:9090,             http://PROMETHEUS.monitoring:9090/prom,        true",
            "http://prometheus.monitoring:9090,             http://prometheus.monitoring.evil:9090,        false",
            "http://prometheus.monitoring:9090,             http://prometheus.monitoring:9091,             false",
            "http://prometheus.monitoring:9090,             https://prometheus.monitoring:9090,            false",
            "http://prometheus.monitoring:9090,             http://prometheus.monitoring:9090@evil:9090,   false",
            "http://thanos.monitoring/prom,                 http://thanos.monitoring:80/prom/tenant-a,     true",
            "http://thanos.monitoring/prom,                 http://thanos.monitoring/prometheus,           false",
            "http://thanos.monitoring/prom,                 http://thanos.monitoring/prom/../admin,        false",
            "https://thanos.monitoring,                     https://thanos.monitoring:443,                 true",
            "prometheus-operated.monitoring,                http://prometheus-operated.monitoring:9090,    true",
            "prometheus-operated.monitoring,                https://prometheus-operated.monitoring,        true",
            "prometheus-operated.monitoring,                http://prometheus-operated.monitoring.evil,    false",
            "*.monitoring.svc,                              http://prometheus.monitoring.svc:9090,         true",
            "*.monitoring.svc,                              http://monitoring.svc:9090,                    false",
            "*.monitoring.svc,                              http://prometheus.monitoring.svc.evil:9090,    false",
            "*.monitoring.svc,                              file:///etc/passwd,                            false",
            "*.monitoring.svc,                              not a url,                                     false",
    })
    void entryAllowsOnlyItsOwnAddresses(String entry, String address, boolean allowed) {
        var list = AllowedAddresses.of(Optional.of(List.of(entry)));
        if (allowed) {
            assertThatCode(() -> list.check("metric m", address)).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> list.check("metric m", address)).isInstanceOf(InvalidAnalysisException.class);
        }
    }

    @Test
    void unsetAllowsEveryAddress() {
        assertThatCode(() -> AllowedAddresses.any().check("metric m", "http://169.254.169.254/latest/meta-data"))
                .doesNotThrowAnyException();
        assertThatCode(() -> AllowedAddresses.of(Optional.empty()).check("metric m", "http://10.0.0.1:8080"))
                .doesNotThrowAnyException();
    }

    @Test
    void refusedAddressIsAnAnalysisErrorNamingTheSettingAndNothingIsRequested() {
        var resolver = new AnalysisResolver((namespace, name) -> Optional.empty(),
                new BuiltinTemplates(Optional.empty()),
                AllowedAddresses.of(Optional.of(List.of("http://prometheus.monitoring:9090"))));
        MetricProvider provider = (metric, namespace) -> {
            throw new AssertionError("no request may be sent to a refused address");
        };
        var runner = new AnalysisRunner(resolver, provider, new AnalysisMetrics(new SimpleMeterRegistry()),
                new TestClock(java.time.Instant.parse("2026-01-01T00:00:00Z")));

        AnalysisOutcome outcome = runner.run("step-1", AnalysisFixtures.inline(AnalysisFixtures.metric("errors",
                "http://internal-admin.shop:8080", "up", "result < 1")), AnalysisFixtures.CHECKOUT, null);

        assertThat(outcome.status().getPhase()).isEqualTo(AnalysisPhase.Error);
        assertThat(outcome.verdict().isInvalid()).isTrue();
        assertThat(outcome.verdict().decidingMessage())
                .contains("metric errors")
                .contains("address http://internal-admin.shop:8080 is not allowed")
                .contains("veer.analysis.allowed-addresses");
    }
}
