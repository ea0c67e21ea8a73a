package dev.veer.common;

import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.runtime.StartupEvent;

/**
 * Finds this installation's {@link InstallationKey} in its Secret, creating the Secret on first start.
 *
 * <p>The Secret ({@code veer.installation-key.secret-name}, default {@value #DEFAULT_NAME}) lives in the operator's
 * namespace: {@code veer.installation-key.namespace}, by default the Kubernetes client's namespace (in a pod, the
 * service account's namespace), else {@code default}. It holds {@value #DATA_KEY}: 32 random bytes, and is
 * immutable. Several replicas starting at once all create: the first create wins, the others get 409 Conflict and
 * read the winner's key, so every replica ends with the same key. The key is read once and kept; it never appears in
 * a log line or a status (failures name the Secret and the API server's message only).
 *
 * <p>Deleting the Secret makes a new key at the next start: contents recorded under the old key get new names (a
 * consumer is rolled once more).
 */
@Singleton
public class InstallationKeys {

    public static final String DEFAULT_NAME = "veer-installation-key";
    public static final String DATA_KEY = "hmac-sha256-key";
    private static final Logger LOG = Logger.getLogger(InstallationKeys.class);

    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private volatile InstallationKey key;

    @Inject
    public InstallationKeys(KubernetesClient client,
            @ConfigProperty(name = "veer.installation-key.namespace") Optional<String> namespace,
            @ConfigProperty(name = "veer.installation-key.secret-name", defaultValue = DEFAULT_NAME) String name) {
        this.client = client;
        this.namespace = namespace.filter(n -> !n.isBlank())
                .orElseGet(() -> Optional.ofNullable(client.getNamespace()).orElse("default"));
        this.name = name;
    }

    /** Keys in the client's namespace under the default name (an operator wired by hand). */
    public InstallationKeys(KubernetesClient client) {
        this(client, Optional.empty(), DEFAULT_NAME);
    }

    /** Creates or reads the key on start, so that the Secret exists before the first ConfigWatch needs it. */
    void onStart(@Observes StartupEvent started) {
        try {
            get();
        } catch (InstallationKeyException e) {
            LOG.warnf("%s; ConfigWatches with a Secret target report it until it is fixed", e.getMessage());
        }
    }

    /**
     * The installation's key: the one in the Secret, or a new one stored in a new Secret.
     *
     * @throws InstallationKeyException when the Secret can be neither read nor created, or holds no usable key
     */
    public InstallationKey get() {
        InstallationKey known = key;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (key == null) {
                key = readOrCreate();
            }
            return key;
        }
    }

    /** Where the key is kept, {@code namespace/name}, for messages. */
    public String secretName() {
        return namespace + "/" + name;
    }

    private InstallationKey readOrCreate() {
        try {
            Secret existing = client.secrets().inNamespace(namespace).withName(name).get();
            if (existing != null) {
                return decode(existing);
            }
            InstallationKey created = InstallationKey.generate();
            try {
                client.secrets().inNamespace(namespace).resource(secret(created)).create();
                LOG.infof("Created the installation key Secret %s", secretName());
                return created;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
                // Another replica created it first: its key is the installation's.
                return decode(client.secrets().inNamespace(namespace).withName(name).require());
            }
        } catch (KubernetesClientException e) {
            throw new InstallationKeyException("the installation key Secret " + secretName()
                    + " can be neither read nor created: " + e.getMessage());
        }
    }

    private Secret secret(InstallationKey key) {
        return new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .withLabels(Map.of(Labels.MANAGED_BY, Labels.MANAGER))
                .withAnnotations(Map.of(Labels.PREFIX + "description", "Keys the hashes Veer publishes about "
                        + "secret content (ConfigWatch Secret versions). Deleting it renames future versions."))
                .endMetadata()
                .withType("Opaque")
                .withImmutable(true)
                .withData(Map.of(DATA_KEY, java.util.Base64.getEncoder().encodeToString(key.bytes())))
                .build();
    }

    private InstallationKey decode(Secret secret) {
        String encoded = secret.getData() == null ? null : secret.getData().get(DATA_KEY);
        try {
            return InstallationKey.of(encoded == null ? null : java.util.Base64.getDecoder().decode(encoded));
        } catch (IllegalArgumentException e) {
            throw new InstallationKeyException("the installation key Secret " + secretName() + " has no usable "
                    + DATA_KEY + " (at least " + InstallationKey.SIZE + " bytes): delete it to make a new key");
        }
    }

    /** The key can be neither read nor created. The message names the Secret, never the key. */
    public static final class InstallationKeyException extends RuntimeException {
        InstallationKeyException(String message) {
            super(message);
        }
    }
}
