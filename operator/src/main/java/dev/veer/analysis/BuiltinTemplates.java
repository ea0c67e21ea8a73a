package dev.veer.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.veer.api.BuiltinTemplate;
import dev.veer.api.HealthCheckArg;
import dev.veer.api.MetricProviderSpec;
import dev.veer.api.MetricSpec;
import dev.veer.api.PrometheusProviderSpec;
import dev.veer.api.VeerApi;

/**
 * The health checks Veer ships, for services instrumented with micrometer, whose HTTP server timer is exported to
 * Prometheus as {@code http_server_requests_seconds_count}, {@code _sum} and {@code _bucket} (with a {@code status}
 * label). The PromQL, exactly as sent once the args are filled:
 *
 * <pre>
 * error-rate:
 *   (sum(rate(http_server_requests_seconds_count{namespace="NS",service="SVC",status=~"5.."}[WINDOW])) or vector(0))
 *     / sum(rate(http_server_requests_seconds_count{namespace="NS",service="SVC"}[WINDOW]))
 *   successful when result &lt;= maxErrorRate, failed when result &gt; maxErrorRate
 *
 * latency-p99:
 *   histogram_quantile(0.99, sum(rate(http_server_requests_seconds_bucket{namespace="NS",service="SVC"}[WINDOW])) by (le))
 *   successful when result &lt;= maxLatencySeconds, failed when result &gt; maxLatencySeconds
 * </pre>
 *
 * micrometer creates a series per status only once that status was answered: a service that never answered a 5xx
 * has no 5xx series, hence the {@code or vector(0)}. A service without any series gives no data (inconclusive by
 * default); a window without any request gives NaN (0/0), where neither condition holds: inconclusive too.
 *
 * <p>Args of both (defaults in brackets): {@code address} [the operator's {@code veer.analysis.prometheus-address}],
 * {@code window} [1m], {@code namespace} [{{namespace}}], {@code service} [{{rollout}}-{{slot}}: the slot Service
 * Veer creates, the {@code service} label a Prometheus Operator ServiceMonitor gives its targets], {@code interval}
 * [30s], {@code count} [unset: until stopped], {@code initialDelay} [none], {@code failureLimit} [0],
 * {@code inconclusiveLimit} [0]. error-rate takes {@code maxErrorRate} [0.01]; latency-p99 takes
 * {@code maxLatencySeconds}, which has no default.
 */
public final class BuiltinTemplates {

    /** The error-rate query, unfilled. */
    public static final String ERROR_RATE_QUERY = "(sum(rate(http_server_requests_seconds_count{"
            + "namespace=\"{{args.namespace}}\",service=\"{{args.service}}\",status=~\"5..\"}[{{args.window}}]))"
            + " or vector(0)) / sum(rate(http_server_requests_seconds_count{"
            + "namespace=\"{{args.namespace}}\",service=\"{{args.service}}\"}[{{args.window}}]))";

    /** The latency-p99 query, unfilled. */
    public static final String LATENCY_P99_QUERY = "histogram_quantile(0.99, sum(rate(http_server_requests_seconds_bucket{"
            + "namespace=\"{{args.namespace}}\",service=\"{{args.service}}\"}[{{args.window}}])) by (le))";

    private final Optional<String> defaultAddress;

    /** @param defaultAddress the Prometheus the templates query unless the rollout passes arg {@code address} */
    public BuiltinTemplates(Optional<String> defaultAddress) {
        this.defaultAddress = defaultAddress.filter(a -> !a.isBlank());
    }

    /** The template of that name. */
    public AnalysisTemplate get(BuiltinTemplate template) {
        return switch (template) {
            case ERROR_RATE -> new Builtin(template, ERROR_RATE_QUERY, "maxErrorRate", Optional.of("0.01"));
            case LATENCY_P99 -> new Builtin(template, LATENCY_P99_QUERY, "maxLatencySeconds", Optional.empty());
        };
    }

    private final class Builtin implements AnalysisTemplate {

        private final BuiltinTemplate template;
        private final String query;
        private final String thresholdArg;
        private final Optional<String> thresholdDefault;

        Builtin(BuiltinTemplate template, String query, String thresholdArg, Optional<String> thresholdDefault) {
            this.template = template;
            this.query = query;
            this.thresholdArg = thresholdArg;
            this.thresholdDefault = thresholdDefault;
        }

        @Override
        public String describe() {
            return "built-in " + template.templateName();
        }

        @Override
        public List<HealthCheckArg> args() {
            List<HealthCheckArg> args = new ArrayList<>();
            args.add(arg("address", defaultAddress.orElse(null)));
            args.add(arg("window", "1m"));
            args.add(arg("namespace", "{{namespace}}"));
            args.add(arg("service", "{{rollout}}-{{slot}}"));
            args.add(arg("interval", "30s"));
            args.add(arg("count", ""));
            args.add(arg("initialDelay", ""));
            args.add(arg("failureLimit", "0"));
            args.add(arg("inconclusiveLimit", "0"));
            args.add(arg(thresholdArg, thresholdDefault.orElse(null)));
            return args;
        }

        @Override
        public List<MetricSpec> metrics(Map<String, String> args) throws InvalidAnalysisException {
            BuiltinArgs values = new BuiltinArgs(describe(), args);
            var prometheus = new PrometheusProviderSpec();
            prometheus.setAddress(values.url("address"));
            prometheus.setQuery(query);
            values.duration("window");
            values.labelValue("namespace");
            values.labelValue("service");
            var provider = new MetricProviderSpec();
            provider.setPrometheus(prometheus);

            var metric = new MetricSpec();
            metric.setName(template.templateName());
            metric.setProvider(provider);
            String threshold = values.number(thresholdArg);
            metric.setSuccessCondition("result <= " + threshold);
            metric.setFailureCondition("result > " + threshold);
            metric.setInterval(values.duration("interval"));
            metric.setCount(values.optionalInteger("count", 1).orElse(null));
            metric.setInitialDelay(values.optionalDuration("initialDelay").orElse(null));
            metric.setFailureLimit(values.optionalInteger("failureLimit", 0).orElse(0));
            metric.setInconclusiveLimit(values.optionalInteger("inconclusiveLimit", 0).orElse(0));
            return List.of(metric);
        }

        private static HealthCheckArg arg(String name, String value) {
            var arg = new HealthCheckArg();
            arg.setName(name);
            arg.setValue(value);
            return arg;
        }
    }

    /** The args of a built-in, checked as they are read: a bad value makes the analysis invalid. */
    private record BuiltinArgs(String template, Map<String, String> values) {

        String url(String name) throws InvalidAnalysisException {
            String value = values.getOrDefault(name, "");
            if (!value.startsWith("http://") && !value.startsWith("https://")) {
                throw invalid(name, value, "an http:// or https:// URL of Prometheus");
            }
            return value;
        }

        String duration(String name) throws InvalidAnalysisException {
            String value = values.getOrDefault(name, "");
            if (!value.matches(VeerApi.DURATION_PATTERN)) {
                throw invalid(name, value, "a duration such as 30s, 1m or 1h30m");
            }
            return value;
        }

        Optional<String> optionalDuration(String name) throws InvalidAnalysisException {
            return values.getOrDefault(name, "").isEmpty() ? Optional.empty() : Optional.of(duration(name));
        }

        void labelValue(String name) throws InvalidAnalysisException {
            String value = values.getOrDefault(name, "");
            if (value.matches(".*[\"\\\\\\n].*")) {
                throw invalid(name, value, "a label value without quotes, backslashes or line breaks");
            }
        }

        String number(String name) throws InvalidAnalysisException {
            String value = values.getOrDefault(name, "");
            try {
                double number = Double.parseDouble(value);
                if (Double.isFinite(number) && value.matches("[0-9.eE+-]+")) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw invalid(name, value, "a number such as 0.01");
        }

        Optional<Integer> optionalInteger(String name, int minimum) throws InvalidAnalysisException {
            String value = values.getOrDefault(name, "");
            if (value.isEmpty()) {
                return Optional.empty();
            }
            try {
                int number = Integer.parseInt(value);
                if (number >= minimum) {
                    return Optional.of(number);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw invalid(name, value, "a whole number of at least " + minimum);
        }

        private InvalidAnalysisException invalid(String name, String value, String expected) {
            return new InvalidAnalysisException(template + ": arg " + name + " is '" + value + "', expected "
                    + expected);
        }
    }
}
