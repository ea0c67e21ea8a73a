package dev.veer.alerts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which rollouts an Alertmanager notification asks to abort (pure): each firing alert whose labels name a rollout
 * ({@code veer_rollout} and {@code namespace}); resolved alerts ask nothing. One request per rollout, quoting the
 * first alert that named it.
 */
final class AlertAborts {

    static final String ROLLOUT_LABEL = "veer_rollout";
    static final String NAMESPACE_LABEL = "namespace";

    private AlertAborts() {
    }

    record AbortRequest(String namespace, String rollout, String alertName, String message) {
    }

    static List<AbortRequest> of(AlertmanagerPayload payload) {
        Map<String, AbortRequest> requests = new LinkedHashMap<>();
        for (AlertmanagerPayload.Alert alert : payload.alerts()) {
            String rollout = alert.labels().get(ROLLOUT_LABEL);
            String namespace = alert.labels().get(NAMESPACE_LABEL);
            if (!alert.firing() || blank(rollout) || blank(namespace)) {
                continue;
            }
            String name = alert.labels().getOrDefault("alertname", "unnamed alert");
            String summary = alert.annotations().getOrDefault("summary", "");
            String message = "alert " + name + " firing" + (summary.isBlank() ? "" : ": " + summary)
                    + (blank(alert.startsAt()) ? "" : " (since " + alert.startsAt() + ")");
            requests.putIfAbsent(namespace + "/" + rollout, new AbortRequest(namespace, rollout, name,
                    message.length() > 1000 ? message.substring(0, 1000) : message));
        }
        return new ArrayList<>(requests.values());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
