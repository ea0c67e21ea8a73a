package dev.veer.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The thresholds a rollout's analysis metrics are judged against, by metric name, as the user wrote them: the
 * success and failure conditions of inline metrics, of the HealthChecks named in {@code templates}, and of the
 * built-in templates with their arguments.
 */
final class AnalysisThresholds {

    private AnalysisThresholds() {
    }

    static Map<String, String> of(Fields rollout, Function<String, Optional<Fields>> healthChecks) {
        Map<String, String> thresholds = new LinkedHashMap<>();
        for (Fields analysis : analyses(rollout)) {
            Map<String, String> args = new LinkedHashMap<>();
            analysis.list("args").forEach(a -> args.put(a.text("name", ""), a.text("value", "")));
            for (Fields metric : analysis.list("metrics")) {
                thresholds.putIfAbsent(metric.text("name", "?"), conditions(metric));
            }
            for (Fields template : analysis.list("templates")) {
                healthChecks.apply(template.text("name", "")).ifPresent(hc -> hc.list("spec.metrics")
                        .forEach(m -> thresholds.putIfAbsent(m.text("name", "?"), conditions(m))));
            }
            analysis.value("builtin").filter(List.class::isInstance).ifPresent(list -> {
                for (Object name : (List<?>) list) {
                    thresholds.putIfAbsent(String.valueOf(name), builtin(String.valueOf(name), args));
                }
            });
        }
        return thresholds;
    }

    private static List<Fields> analyses(Fields rollout) {
        List<Fields> analyses = new ArrayList<>();
        Fields canary = rollout.object("spec.strategy.canary");
        add(analyses, canary.object("analysis"));
        canary.list("steps").forEach(step -> add(analyses, step.object("analysis")));
        Fields blueGreen = rollout.object("spec.strategy.blueGreen");
        add(analyses, blueGreen.object("prePromotionAnalysis"));
        add(analyses, blueGreen.object("postPromotionAnalysis"));
        return analyses;
    }

    private static void add(List<Fields> analyses, Fields analysis) {
        if (!analysis.isEmpty()) {
            analyses.add(analysis);
        }
    }

    private static String conditions(Fields metric) {
        List<String> parts = new ArrayList<>();
        metric.text("successCondition").ifPresent(c -> parts.add("success: " + c));
        metric.text("failureCondition").ifPresent(c -> parts.add("failure: " + c));
        return String.join(", ", parts);
    }

    private static String builtin(String name, Map<String, String> args) {
        return switch (name) {
            case "error-rate" -> "success: result <= " + args.getOrDefault("maxErrorRate", "0.01");
            case "latency-p99" -> "success: result <= " + args.getOrDefault("maxLatencySeconds", "maxLatencySeconds");
            default -> "";
        };
    }
}
