package dev.veer.api;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** An instant PromQL query against a Prometheus-compatible HTTP API ({@code /api/v1/query}). */
@ValidationRule(value = "!has(self.headers) || !self.headers.exists(h, h.name.matches('(?i)^authorization$'))",
        message = "put credentials in authSecretRef, not in an Authorization header")
public class PrometheusProviderSpec {

    @Required
    @ValidationRule(value = "self.startsWith('http://') || self.startsWith('https://') || self.startsWith('{{')",
            message = "address must be an http:// or https:// URL, or start with a placeholder such as {{args.address}}")
    @Size(max = 2048)
    @JsonPropertyDescription("Base URL of the Prometheus HTTP API, for example http://prometheus.monitoring:9090; "
            + "/api/v1/query is appended. Placeholders are filled. At most 2048 characters.")
    private String address;

    @Required
    @Size(min = 1, max = 4096)
    @JsonPropertyDescription("PromQL query, evaluated at the time of the measurement. Veer fills the placeholders "
            + "{{rollout}}, {{namespace}}, {{slot}} (blue or green: the slot being judged), {{revision}} and "
            + "{{args.NAME}} before sending it. At most 4096 characters.")
    private String query;

    @Pattern(VeerApi.DURATION_PATTERN)
    @Default("10s")
    @JsonPropertyDescription("How long to wait for Prometheus' answer; no answer in time is a measurement error.")
    private String timeout = "10s";

    @JsonPropertyDescription("A Secret in the rollout's namespace with the credentials: key 'token' for a bearer "
            + "token, or keys 'username' and 'password' for basic authentication.")
    private SecretRef authSecretRef;

    @Size(max = 20)
    @JsonPropertyDescription("Extra HTTP headers sent with the query, for example X-Scope-OrgID for a multi-tenant "
            + "backend. Placeholders are filled in values. At most 20 items.")
    private List<HttpHeader> headers = new ArrayList<>();

    public String getAddress() {
        return address;
    }

    public void setAddress(String address) {
        this.address = address;
    }

    public String getQuery() {
        return query;
    }

    public void setQuery(String query) {
        this.query = query;
    }

    public String getTimeout() {
        return timeout;
    }

    public void setTimeout(String timeout) {
        this.timeout = timeout;
    }

    public SecretRef getAuthSecretRef() {
        return authSecretRef;
    }

    public void setAuthSecretRef(SecretRef authSecretRef) {
        this.authSecretRef = authSecretRef;
    }

    public List<HttpHeader> getHeaders() {
        return headers;
    }

    public void setHeaders(List<HttpHeader> headers) {
        this.headers = headers;
    }
}
