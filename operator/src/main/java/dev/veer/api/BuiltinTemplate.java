package dev.veer.api;

import com.fasterxml.jackson.annotation.JsonValue;

/** Health checks Veer ships, for services instrumented with micrometer's {@code http_server_requests_seconds}. */
public enum BuiltinTemplate {
    /** Ratio of 5xx responses to all responses over a window. */
    ERROR_RATE("error-rate"),
    /** 99th percentile of request latency over a window. */
    LATENCY_P99("latency-p99");

    private final String templateName;

    BuiltinTemplate(String templateName) {
        this.templateName = templateName;
    }

    /** The name users write in {@code analysis.builtin}. */
    @JsonValue
    public String templateName() {
        return templateName;
    }
}
