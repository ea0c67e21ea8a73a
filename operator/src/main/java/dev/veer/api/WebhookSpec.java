package dev.veer.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A webhook receiver: a push to the repository triggers a fetch at once. */
public class WebhookSpec {

    /** Who sends the webhook, and so how it is authenticated. */
    public enum Provider {
        /** X-Hub-Signature-256: sha256=HMAC-SHA256(secret, body), in hex. */
        GitHub,
        /** X-Gitlab-Token: the secret itself. */
        GitLab,
        /** X-Signature-256: sha256=HMAC-SHA256(secret, body), in hex. */
        Generic
    }

    @Required
    @JsonPropertyDescription("GitHub (X-Hub-Signature-256 header), GitLab (X-Gitlab-Token header) or Generic "
            + "(X-Signature-256: sha256=<hex HMAC-SHA256 of the body>).")
    private Provider provider;

    @Required
    @JsonPropertyDescription("A Secret in the GitSync's namespace whose key 'token' holds the shared secret.")
    private SecretRef secretRef;

    public Provider getProvider() {
        return provider;
    }

    public void setProvider(Provider provider) {
        this.provider = provider;
    }

    public SecretRef getSecretRef() {
        return secretRef;
    }

    public void setSecretRef(SecretRef secretRef) {
        this.secretRef = secretRef;
    }
}
