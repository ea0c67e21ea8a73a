package dev.veer.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** The dashboard and alert rules under {@code operator/monitoring/}, and the PromQL they contain. */
final class MonitoringFiles {

    static final Path DIRECTORY = Path.of(System.getProperty("veer.monitoring.dir", "monitoring"));
    static final Path DASHBOARD = DIRECTORY.resolve("veer-dashboard.json");
    static final Path DASHBOARD_CONFIGMAP = DIRECTORY.resolve("veer-dashboard-configmap.yaml");
    static final Path RULES = DIRECTORY.resolve("veer-alerts.rules.yaml");
    static final Path RULES_TEST = DIRECTORY.resolve("veer-alerts.test.yaml");
    static final Path PROMETHEUS_RULE = DIRECTORY.resolve("veer-prometheusrule.yaml");

    static final ObjectMapper JSON = new ObjectMapper();
    static final ObjectMapper YAML = new YAMLMapper();

    private MonitoringFiles() {
    }

    record PanelQuery(String panel, String expr) {
    }

    /** Every query of every panel, as Grafana sends it with all namespaces and rollouts selected. */
    static List<PanelQuery> panelQueries() {
        List<PanelQuery> queries = new ArrayList<>();
        for (JsonNode panel : read(DASHBOARD, JSON).path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(new PanelQuery(panel.path("title").asText(), asGrafanaSendsIt(target.path("expr").asText())));
            }
        }
        return queries;
    }

    /** Grafana's variables replaced as Grafana replaces them for "All" over the last hour. */
    static String asGrafanaSendsIt(String expr) {
        return expr.replace("$namespace", ".*").replace("$rollout", ".*").replace("$__rate_interval", "1m")
                .replace("$__range", "1h");
    }

    /** The expression of every alert rule. */
    static List<String> ruleExpressions() {
        List<String> expressions = new ArrayList<>();
        for (JsonNode group : read(RULES, YAML).path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                expressions.add(rule.path("expr").asText());
            }
        }
        return expressions;
    }

    static JsonNode read(Path file, ObjectMapper mapper) {
        try {
            return mapper.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
