package dev.veer.analysis;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.veer.analysis.prometheus.KubernetesSecretCredentials;
import dev.veer.analysis.prometheus.PrometheusMetricProvider;
import io.fabric8.kubernetes.client.KubernetesClient;

/** CDI wiring of the analysis: an {@link AnalysisRunner} on the API server and Prometheus. */
public class AnalysisBeans {

    /**
     * @param defaultAddress {@code veer.analysis.prometheus-address}: the Prometheus the built-in templates query
     *        unless a rollout passes arg {@code address}
     * @param allowedAddresses {@code veer.analysis.allowed-addresses}: the only Prometheus addresses analyses may
     *        query (URL prefixes or host patterns, see {@link AllowedAddresses}); unset, any
     */
    @Produces
    @Singleton
    AnalysisRunner analysisRunner(KubernetesClient client, AnalysisMetrics metrics, Clock clock,
            @ConfigProperty(name = "veer.analysis.prometheus-address") Optional<String> defaultAddress,
            @ConfigProperty(name = AllowedAddresses.SETTING) Optional<List<String>> allowedAddresses) {
        return runner(client, metrics, clock, defaultAddress, AllowedAddresses.of(allowedAddresses));
    }

    /** An analysis runner on this API server, for an operator wired by hand (tests, benchmarks). */
    public static AnalysisRunner runner(KubernetesClient client, AnalysisMetrics metrics, Clock clock,
            Optional<String> defaultAddress) {
        return runner(client, metrics, clock, defaultAddress, AllowedAddresses.any());
    }

    /** The same, querying only the addresses {@code allowedAddresses} allow. */
    public static AnalysisRunner runner(KubernetesClient client, AnalysisMetrics metrics, Clock clock,
            Optional<String> defaultAddress, AllowedAddresses allowedAddresses) {
        var resolver = new AnalysisResolver(new KubernetesHealthChecks(client), new BuiltinTemplates(defaultAddress),
                allowedAddresses);
        var provider = new PrometheusMetricProvider(new KubernetesSecretCredentials(client));
        return new AnalysisRunner(resolver, provider, metrics, clock);
    }
}
