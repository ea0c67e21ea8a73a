package dev.veer.alerts;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Alertmanager's webhook payload, version 4: the fields Veer reads (everything else is ignored).
 * https://prometheus.io/docs/alerting/latest/configuration/#webhook_config
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlertmanagerPayload(String version, String status, List<Alert> alerts) {

    public AlertmanagerPayload {
        alerts = alerts == null ? List.of() : List.copyOf(alerts);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Alert(String status, Map<String, String> labels, Map<String, String> annotations, String startsAt,
            String fingerprint) {

        public Alert {
            labels = labels == null ? Map.of() : Map.copyOf(labels);
            annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
        }

        boolean firing() {
            return "firing".equals(status);
        }
    }
}
