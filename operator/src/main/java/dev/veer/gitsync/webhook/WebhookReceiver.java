package dev.veer.gitsync.webhook;

import java.time.Clock;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.veer.api.GitSync;
import dev.veer.api.WebhookSpec;
import dev.veer.gitsync.GitSyncMetrics;
import dev.veer.gitsync.GitSyncTriggers;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Webhook receivers on the operator's HTTP port: {@code POST /hooks/gitsync/<namespace>/<name>}. The GitSync names
 * the provider and the Secret (key {@code token}) in spec.webhook; a request whose signature or token matches
 * triggers a fetch at once (202). Refusals: 404 no such GitSync or no webhook, 413 body too large, 429 rate-limited,
 * 401 bad signature, 503 Secret missing. Every request is counted by result; secrets and bodies are never logged.
 */
@ApplicationScoped
public class WebhookReceiver {

    public static final String PATH = "/hooks/gitsync";
    private static final Logger LOG = Logger.getLogger("dev.veer.gitsync.webhook");
    private static final String SECRET_KEY = "token";

    private final KubernetesClient client;
    private final GitSyncTriggers triggers;
    private final GitSyncMetrics metrics;
    private final RateLimiter limiter;
    private final long maxBodyBytes;

    public WebhookReceiver(KubernetesClient client, GitSyncTriggers triggers, GitSyncMetrics metrics, Clock clock,
            @ConfigProperty(name = "veer.gitsync.webhook.max-body-bytes", defaultValue = "1048576") long maxBodyBytes,
            @ConfigProperty(name = "veer.gitsync.webhook.burst", defaultValue = "20") int burst,
            @ConfigProperty(name = "veer.gitsync.webhook.per-second", defaultValue = "2") double perSecond) {
        this.client = client;
        this.triggers = triggers;
        this.metrics = metrics;
        this.maxBodyBytes = maxBodyBytes;
        this.limiter = new RateLimiter(clock, burst, perSecond);
    }

    void routes(@Observes Router router) {
        // Two routes: Vert.x runs body handlers before any other on one route, and the length check comes first.
        router.post(PATH + "/:namespace/:name").order(-2).handler(this::checkLength);
        router.post(PATH + "/:namespace/:name").order(-1)
                .handler(BodyHandler.create().setBodyLimit(maxBodyBytes).setHandleFileUploads(false))
                .blockingHandler(this::receive, false);
    }

    /** Refuses a declared body over the limit before reading it (BodyHandler stops an undeclared one). */
    private void checkLength(RoutingContext context) {
        String length = context.request().getHeader("Content-Length");
        try {
            if (length != null && Long.parseLong(length) > maxBodyBytes) {
                metrics.webhook("unknown", "too_large");
                context.response().setStatusCode(413).end("body larger than " + maxBodyBytes + " bytes\n");
                return;
            }
        } catch (NumberFormatException e) {
            metrics.webhook("unknown", "bad_request");
            context.response().setStatusCode(400).end("bad Content-Length\n");
            return;
        }
        context.next();
    }

    private void receive(RoutingContext context) {
        String namespace = context.pathParam("namespace");
        String name = context.pathParam("name");
        GitSync gitSync = client.resources(GitSync.class).inNamespace(namespace).withName(name).get();
        WebhookSpec webhook = gitSync == null ? null : gitSync.getSpec().getWebhook();
        if (webhook == null) {
            respond(context, "unknown", "not_found", 404, "no GitSync " + namespace + "/" + name
                    + " with a webhook");
            return;
        }
        String provider = webhook.getProvider().name();
        if (!limiter.tryAcquire(namespace + "/" + name)) {
            respond(context, provider, "rate_limited", 429, "too many requests");
            return;
        }
        Secret secret = client.secrets().inNamespace(namespace).withName(webhook.getSecretRef().getName()).get();
        String token = secret == null || secret.getData() == null ? null : secret.getData().get(SECRET_KEY);
        if (token == null) {
            respond(context, provider, "secret_missing", 503, "the webhook's Secret or its key 'token' is missing");
            return;
        }
        byte[] body = context.body().buffer() == null ? new byte[0] : context.body().buffer().getBytes();
        if (!WebhookSignatures.verify(webhook.getProvider(), Base64.getMimeDecoder().decode(token), body,
                header -> context.request().getHeader(header))) {
            LOG.debugf("GitSync %s/%s: webhook refused, bad signature", namespace, name);
            respond(context, provider, "unauthorized", 401, "bad signature");
            return;
        }
        if ("ping".equals(context.request().getHeader("X-GitHub-Event"))) {
            respond(context, provider, "ping", 200, "pong");
            return;
        }
        triggers.trigger(namespace, name);
        respond(context, provider, "accepted", 202, "fetching");
    }

    private void respond(RoutingContext context, String provider, String result, int status, String message) {
        metrics.webhook(provider, result);
        context.response().setStatusCode(status).putHeader("Content-Type", "text/plain").end(message + "\n");
    }
}
