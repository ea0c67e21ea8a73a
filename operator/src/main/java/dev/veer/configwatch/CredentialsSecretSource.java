package dev.veer.configwatch;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jboss.logging.Logger;

import dev.veer.api.ConfigWatch;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.ResourceEventAware;

/**
 * Triggers a ConfigWatch's pass when the Secret its {@code spec.source.etcd.secretRef} names changes, so that a new
 * password or certificate reconnects at once (new credentials make a new etcd watch). One Kubernetes watch per
 * referenced Secret, by name, shared by the ConfigWatches that use it, and closed when none does: the operator does
 * not cache the namespace's other Secrets. A ConfigWatch subscribes in each pass ({@link #subscribe}); a watch that
 * ends with an error is opened again at the next pass. The Secret's content is never held here: passes read it.
 */
public class CredentialsSecretSource extends AbstractEventSource<Void, ConfigWatch>
        implements ResourceEventAware<ConfigWatch> {

    public static final String NAME = "credentials-secrets";
    private static final Logger LOG = Logger.getLogger("dev.veer.configwatch");

    private final KubernetesClient client;
    private final Map<ResourceID, ResourceID> secretOf = new HashMap<>();
    private final Map<ResourceID, Watch> watches = new HashMap<>();

    public CredentialsSecretSource(KubernetesClient client) {
        super(Void.class, NAME);
        this.client = client;
    }

    /** Watches the ConfigWatch's credentials Secret (or none, without a secretRef) from now on. */
    public synchronized void subscribe(ConfigWatch watch) {
        ResourceID id = ResourceID.fromResource(watch);
        Optional<ResourceID> secret = Optional.ofNullable(watch.getSpec().getSource().getEtcd().getSecretRef())
                .map(ref -> new ResourceID(ref.getName(), watch.getMetadata().getNamespace()));
        if (secret.isEmpty()) {
            unsubscribe(watch);
            return;
        }
        ResourceID previous = secretOf.put(id, secret.get());
        if (previous != null && !previous.equals(secret.get())) {
            closeUnused(previous);
        }
        if (isRunning() && !watches.containsKey(secret.get())) {
            watches.put(secret.get(), open(secret.get()));
        }
    }

    public synchronized void unsubscribe(ConfigWatch watch) {
        ResourceID previous = secretOf.remove(ResourceID.fromResource(watch));
        if (previous != null) {
            closeUnused(previous);
        }
    }

    /** The Secrets watched now. */
    public synchronized Set<ResourceID> watchedSecrets() {
        return new HashSet<>(watches.keySet());
    }

    @Override
    public void onResourceDeleted(ConfigWatch watch) {
        unsubscribe(watch);
    }

    @Override
    public Set<Void> getSecondaryResources(ConfigWatch primary) {
        return Set.of();
    }

    @Override
    public synchronized void stop() {
        watches.values().forEach(Watch::close);
        watches.clear();
        super.stop();
    }

    private Watch open(ResourceID secret) {
        return client.secrets().inNamespace(secret.getNamespace().orElseThrow()).withName(secret.getName())
                .watch(new Watcher<>() {
                    @Override
                    public void eventReceived(Action action, Secret resource) {
                        trigger(secret);
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                        LOG.debugf("Watch of Secret %s ended: %s", secret, cause.getMessage());
                        forget(secret);
                    }
                });
    }

    private synchronized void forget(ResourceID secret) {
        watches.remove(secret);
    }

    private void closeUnused(ResourceID secret) {
        if (!secretOf.containsValue(secret)) {
            Optional.ofNullable(watches.remove(secret)).ifPresent(Watch::close);
        }
    }

    private void trigger(ResourceID secret) {
        Set<ResourceID> users;
        synchronized (this) {
            users = new HashSet<>();
            secretOf.forEach((watch, s) -> {
                if (s.equals(secret)) {
                    users.add(watch);
                }
            });
        }
        if (isRunning()) {
            users.forEach(id -> getEventHandler().handleEvent(new Event(id)));
        }
    }
}
