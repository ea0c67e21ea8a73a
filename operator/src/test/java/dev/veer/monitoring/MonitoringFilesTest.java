package dev.veer.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.veer.testing.servers.ServerBinary;

/**
 * The alert rules pass {@code promtool check rules} and their unit tests ({@code promtool test rules}); the
 * Kubernetes wrappers (dashboard ConfigMap, PrometheusRule) hold exactly the files they wrap.
 */
class MonitoringFilesTest {

    record Run(int exitCode, String output) {
    }

    private static Run promtool(String... args) throws IOException, InterruptedException {
        Path output = Files.createTempFile("promtool", ".txt");
        List<String> command = new java.util.ArrayList<>(List.of(ServerBinary.PROMTOOL.locate().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(MonitoringFiles.DIRECTORY.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool ended").isTrue();
        return new Run(process.exitValue(), Files.readString(output));
    }

    @Test
    void alertRulesPassPromtoolCheck() throws Exception {
        Run run = promtool("check", "rules", MonitoringFiles.RULES.getFileName().toString());

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("SUCCESS: 5 rules found");
    }

    @Test
    void everyAlertFiresOnItsSeriesAndOnlyThenInPromtoolsUnitTests() throws Exception {
        Run run = promtool("test", "rules", MonitoringFiles.RULES_TEST.getFileName().toString());

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("SUCCESS");
    }

    @Test
    void thePrometheusRuleHoldsTheGroupsOfThePlainRulesFile() {
        JsonNode rule = MonitoringFiles.read(MonitoringFiles.PROMETHEUS_RULE, MonitoringFiles.YAML);

        assertThat(rule.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(rule.path("kind").asText()).isEqualTo("PrometheusRule");
        assertThat(rule.path("spec").path("groups"))
                .isEqualTo(MonitoringFiles.read(MonitoringFiles.RULES, MonitoringFiles.YAML).path("groups"));
    }

    @Test
    void theDashboardConfigMapHoldsTheDashboardJsonAndTheGrafanaLabel() {
        JsonNode configMap = MonitoringFiles.read(MonitoringFiles.DASHBOARD_CONFIGMAP, MonitoringFiles.YAML);

        assertThat(configMap.path("kind").asText()).isEqualTo("ConfigMap");
        assertThat(configMap.path("metadata").path("labels").path("grafana_dashboard").asText()).isEqualTo("1");
        assertThat(configMap.path("data").path("veer-dashboard.json").asText())
                .isEqualTo(MonitoringFiles.text(MonitoringFiles.DASHBOARD));
    }

    @Test
    void everyPanelHasAQueryAndAUniqueId() {
        JsonNode panels = MonitoringFiles.read(MonitoringFiles.DASHBOARD, MonitoringFiles.JSON).path("panels");
        java.util.Set<Integer> ids = new java.util.HashSet<>();
        for (JsonNode panel : panels) {
            assertThat(ids.add(panel.path("id").asInt())).as("unique id of %s", panel.path("title")).isTrue();
            if (!"row".equals(panel.path("type").asText())) {
                assertThat(panel.path("targets")).as("queries of %s", panel.path("title")).isNotEmpty();
            }
        }
        assertThat(MonitoringFiles.panelQueries()).hasSizeGreaterThanOrEqualTo(14);
    }
}
