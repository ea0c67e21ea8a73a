package dev.veer.alerts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * {@code POST /alerts/alertmanager} on the operator's HTTP port: Alertmanager's webhook receiver. A firing alert whose
 * labels name a rollout ({@code veer_rollout} and {@code namespace}) aborts it while it rolls a version out (reason
 * {@code AlertFiring}); resolved alerts do nothing. Requests carry {@code Authorization: Bearer <token>}, the token
 * being key {@code token} of the Secret {@code veer.alerts.token-secret} in {@code veer.alerts.token-namespace}; bodies
 * are bounded ({@code veer.alerts.max-body-bytes}) and requests rate-limited ({@code veer.alerts.requests-per-second});
 * every request is counted by result in {@code veer_alert_webhook_requests_total{result}}.
 */
@ApplicationScoped
public class AlertWebhook {

    static final String PATH = "/alerts/alertmanager";
    private static final Logger LOG = Logger.getLogger(AlertWebhook.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient client;
    private final RolloutAborter aborter;
    private final MeterRegistry registry;
    private final String secretName;
    private final Optional<String> secretNamespace;
    private final long maxBodyBytes;
    private final RateLimit rateLimit;

    public AlertWebhook(KubernetesClient client, RolloutAborter aborter, MeterRegistry registry,
            @ConfigProperty(name = "veer.alerts.token-secret", defaultValue = "veer-alertmanager-webhook") String secretName,
            @ConfigProperty(name = "veer.alerts.token-namespace") Optional<String> secretNamespace,
            @ConfigProperty(name = "veer.alerts.max-body-bytes", defaultValue = "262144") long maxBodyBytes,
            @ConfigProperty(name = "veer.alerts.requests-per-second", defaultValue = "5") double requestsPerSecond) {
        this.client = client;
        this.aborter = aborter;
        this.registry = registry;
        this.secretName = secretName;
        this.secretNamespace = secretNamespace;
        this.maxBodyBytes = maxBodyBytes;
        this.rateLimit = new RateLimit(requestsPerSecond, Math.max(1, (int) Math.ceil(requestsPerSecond * 2)),
                System::nanoTime);
    }

    void routes(@Observes Router router) {
        router.post(PATH).handler(BodyHandler.create().setBodyLimit(maxBodyBytes));
        router.post(PATH).blockingHandler(this::handle, false);
    }

    /** Results a request is counted by. */
    enum Result {
        accepted, unauthorized, rate_limited, invalid, not_configured, error
    }

    private void handle(RoutingContext context) {
        if (!rateLimit.tryAcquire()) {
            respond(context, 429, Result.rate_limited, "too many requests");
            return;
        }
        Optional<byte[]> token = expectedToken();
        if (token.isEmpty()) {
            respond(context, 503, Result.not_configured, "no token: Secret " + secretName + " with key token is missing");
            return;
        }
        if (!authorized(context.request().getHeader("Authorization"), token.get())) {
            respond(context, 401, Result.unauthorized, "a valid bearer token is required");
            return;
        }
        AlertmanagerPayload payload;
        try {
            payload = JSON.readValue(context.body().asString(), AlertmanagerPayload.class);
        } catch (Exception e) {
            respond(context, 400, Result.invalid, "not an Alertmanager webhook payload: " + e.getMessage());
            return;
        }
        if (!"4".equals(payload.version())) {
            respond(context, 400, Result.invalid, "payload version " + payload.version() + ", expected 4");
            return;
        }
        try {
            List<AlertAborts.AbortRequest> requests = AlertAborts.of(payload);
            StringBuilder answer = new StringBuilder();
            for (AlertAborts.AbortRequest request : requests) {
                RolloutAborter.Result result = aborter.abort(request);
                LOG.infof("Alert %s for rollout %s/%s: %s", request.alertName(), request.namespace(), request.rollout(),
                        result);
                answer.append(request.namespace()).append('/').append(request.rollout()).append(": ").append(result)
                        .append('\n');
            }
            respond(context, 200, Result.accepted, answer.toString());
        } catch (RuntimeException e) {
            respond(context, 500, Result.error, "cannot act on the alerts: " + e.getMessage());
        }
    }

    private Optional<byte[]> expectedToken() {
        String namespace = secretNamespace.orElseGet(client::getNamespace);
        Secret secret = client.secrets().inNamespace(namespace).withName(secretName).get();
        if (secret == null || secret.getData() == null || secret.getData().get("token") == null) {
            return Optional.empty();
        }
        byte[] token = Base64.getDecoder().decode(secret.getData().get("token").trim());
        String text = new String(token, StandardCharsets.UTF_8).trim();
        return text.isEmpty() ? Optional.empty() : Optional.of(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Compares in constant time, so that the token cannot be guessed from response times. */
    static boolean authorized(String header, byte[] token) {
        if (header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        byte[] given = header.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token);
    }

    private void respond(RoutingContext context, int status, Result result, String message) {
        Counter.builder("veer.alert.webhook.requests").description("Alertmanager webhook requests, by result")
                .tag("result", result.name()).register(registry).increment();
        context.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8")
                .end(message.endsWith("\n") || message.isEmpty() ? message : message + "\n");
    }
}
