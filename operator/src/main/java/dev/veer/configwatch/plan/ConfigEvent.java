package dev.veer.configwatch.plan;

/** A Kubernetes Event to record on the ConfigWatch. */
public record ConfigEvent(boolean warning, String reason, String message) {

    static ConfigEvent normal(String reason, String message) {
        return new ConfigEvent(false, reason, message);
    }

    static ConfigEvent warning(String reason, String message) {
        return new ConfigEvent(true, reason, message);
    }
}
