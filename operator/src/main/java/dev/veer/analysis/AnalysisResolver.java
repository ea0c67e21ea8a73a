package dev.veer.analysis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.veer.api.AnalysisArg;
import dev.veer.api.AnalysisSpec;
import dev.veer.api.BuiltinTemplate;
import dev.veer.api.HealthCheckArg;
import dev.veer.api.HealthCheckRef;
import dev.veer.api.HttpHeader;
import dev.veer.api.MetricSpec;
import dev.veer.api.NoDataPolicy;
import dev.veer.api.PrometheusProviderSpec;

/**
 * Turns an analysis block into the metrics to measure: finds its HealthChecks and built-in templates, gives every
 * template the values of its args (its declared defaults, overridden by the analysis args; placeholders of the
 * rollout filled in them), fills the placeholders of each metric and compiles its conditions.
 *
 * <p>Every problem is an {@link InvalidAnalysisException} naming the template, the metric and the field: a missing
 * HealthCheck, an arg without a value, an unknown placeholder, a condition that does not compile, a metric name used
 * twice, an address that the operator's {@link AllowedAddresses} refuse.
 */
public final class AnalysisResolver {

    private static final ObjectMapper COPIER = JsonMapper.builder().findAndAddModules().build();
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final HealthCheckSource healthChecks;
    private final BuiltinTemplates builtins;
    private final AllowedAddresses allowedAddresses;

    /** A resolver that allows every provider address. */
    public AnalysisResolver(HealthCheckSource healthChecks, BuiltinTemplates builtins) {
        this(healthChecks, builtins, AllowedAddresses.any());
    }

    public AnalysisResolver(HealthCheckSource healthChecks, BuiltinTemplates builtins,
            AllowedAddresses allowedAddresses) {
        this.healthChecks = healthChecks;
        this.builtins = builtins;
        this.allowedAddresses = allowedAddresses;
    }

    /** The metrics of {@code spec}, in the order templates, built-ins, inline metrics. */
    public List<ResolvedMetric> resolve(AnalysisSpec spec, RolloutContext context) throws InvalidAnalysisException {
        Map<String, String> passed = passedArgs(spec, context);
        List<ResolvedMetric> metrics = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (AnalysisTemplate template : templates(spec, context)) {
            Map<String, String> args = argsOf(template, passed, context);
            Placeholders placeholders = new Placeholders(context, args);
            for (MetricSpec metric : template.metrics(args)) {
                ResolvedMetric resolved = resolve(template, metric, placeholders);
                if (!names.add(resolved.name())) {
                    throw new InvalidAnalysisException("metric " + resolved.name() + " of " + template.describe()
                            + " has the name of another metric of the analysis: metric names must be unique");
                }
                metrics.add(resolved);
            }
        }
        if (metrics.isEmpty()) {
            throw new InvalidAnalysisException("the analysis has no metrics: set templates, builtin or metrics");
        }
        return metrics;
    }

    private List<AnalysisTemplate> templates(AnalysisSpec spec, RolloutContext context)
            throws InvalidAnalysisException {
        List<AnalysisTemplate> templates = new ArrayList<>();
        for (HealthCheckRef ref : orEmpty(spec.getTemplates())) {
            var healthCheck = healthChecks.find(context.namespace(), ref.getName()).orElseThrow(
                    () -> new InvalidAnalysisException("HealthCheck " + ref.getName() + " not found in namespace "
                            + context.namespace()));
            templates.add(AnalysisTemplate.of("HealthCheck " + ref.getName(), healthCheck.getArgs(),
                    healthCheck.getMetrics()));
        }
        for (BuiltinTemplate builtin : orEmpty(spec.getBuiltin())) {
            templates.add(builtins.get(builtin));
        }
        if (!orEmpty(spec.getMetrics()).isEmpty()) {
            templates.add(AnalysisTemplate.of("the analysis' inline metrics", List.of(), spec.getMetrics()));
        }
        return templates;
    }

    private static Map<String, String> passedArgs(AnalysisSpec spec, RolloutContext context)
            throws InvalidAnalysisException {
        Placeholders rolloutOnly = new Placeholders(context);
        Map<String, String> passed = new LinkedHashMap<>();
        for (AnalysisArg arg : orEmpty(spec.getArgs())) {
            if (arg.getValue() == null) {
                throw new InvalidAnalysisException("analysis arg " + arg.getName() + " has no value");
            }
            passed.put(arg.getName(), rolloutOnly.fill("analysis arg " + arg.getName(), arg.getValue()));
        }
        return passed;
    }

    private static Map<String, String> argsOf(AnalysisTemplate template, Map<String, String> passed,
            RolloutContext context) throws InvalidAnalysisException {
        Placeholders rolloutOnly = new Placeholders(context);
        Map<String, String> args = new HashMap<>();
        for (HealthCheckArg declared : template.args()) {
            if (passed.containsKey(declared.getName())) {
                continue;
            }
            if (declared.getValue() == null) {
                throw new InvalidAnalysisException(template.describe() + " needs arg " + declared.getName()
                        + ": pass it in the analysis args");
            }
            args.put(declared.getName(), rolloutOnly.fill(template.describe() + ": default of arg "
                    + declared.getName(), declared.getValue()));
        }
        args.putAll(passed);
        return args;
    }

    private ResolvedMetric resolve(AnalysisTemplate template, MetricSpec written, Placeholders placeholders)
            throws InvalidAnalysisException {
        MetricSpec metric = COPIER.convertValue(written, MetricSpec.class);
        String where = template.describe() + ": metric " + metric.getName();
        if (metric.getProvider() == null || metric.getProvider().getPrometheus() == null) {
            throw new InvalidAnalysisException(where + " has no provider: set provider.prometheus");
        }
        PrometheusProviderSpec prometheus = metric.getProvider().getPrometheus();
        prometheus.setAddress(placeholders.fill(where + ": address", prometheus.getAddress()));
        prometheus.setQuery(placeholders.fill(where + ": query", prometheus.getQuery()));
        if (prometheus.getAddress() == null || prometheus.getQuery() == null) {
            throw new InvalidAnalysisException(where + " needs a Prometheus address and query");
        }
        allowedAddresses.check(where, prometheus.getAddress());
        for (HttpHeader header : orEmpty(prometheus.getHeaders())) {
            header.setValue(placeholders.fill(where + ": header " + header.getName(), header.getValue()));
        }
        Optional<Condition> success = condition(where, "successCondition", metric.getSuccessCondition(),
                placeholders);
        Optional<Condition> failure = condition(where, "failureCondition", metric.getFailureCondition(),
                placeholders);
        if (success.isEmpty() && failure.isEmpty()) {
            throw new InvalidAnalysisException(where + " needs a successCondition, a failureCondition or both");
        }
        Duration timeout = prometheus.getTimeout() == null ? DEFAULT_TIMEOUT
                : MetricRules.duration(where + ": timeout", prometheus.getTimeout());
        return new ResolvedMetric(template.describe(), MetricRules.of(metric), metric.getProvider(), timeout, success,
                failure, metric.getNoData() == null ? NoDataPolicy.Inconclusive : metric.getNoData());
    }

    private static Optional<Condition> condition(String where, String role, String expression,
            Placeholders placeholders) throws InvalidAnalysisException {
        if (expression == null) {
            return Optional.empty();
        }
        String filled = placeholders.fill(where + ": " + role, expression);
        try {
            return Optional.of(Condition.compile(role, filled));
        } catch (InvalidAnalysisException e) {
            throw new InvalidAnalysisException(where + ": " + e.getMessage());
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
