package dev.veer.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class AlertAbortsTest {

    private static AlertmanagerPayload.Alert alert(String status, Map<String, String> labels) {
        return new AlertmanagerPayload.Alert(status, labels, Map.of("summary", "too many 5xx"), "2026-11-30T04:00:00Z",
                "f");
    }

    @Test
    void firingAlertsNamingARolloutAndANamespaceAskForOneAbortPerRollout() {
        var payload = new AlertmanagerPayload("4", "firing", List.of(
                alert("firing", Map.of("alertname", "HighErrorRate", "veer_rollout", "shop", "namespace", "prod")),
                alert("firing", Map.of("alertname", "HighLatency", "veer_rollout", "shop", "namespace", "prod")),
                alert("resolved", Map.of("alertname", "HighErrorRate", "veer_rollout", "cart", "namespace", "prod")),
                alert("firing", Map.of("alertname", "NoNamespace", "veer_rollout", "cart")),
                alert("firing", Map.of("alertname", "NoRollout", "namespace", "prod"))));

        assertThat(AlertAborts.of(payload)).containsExactly(new AlertAborts.AbortRequest("prod", "shop",
                "HighErrorRate", "alert HighErrorRate firing: too many 5xx (since 2026-11-30T04:00:00Z)"));
    }
}
