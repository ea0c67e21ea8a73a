package dev.veer.config;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.quarkus.arc.Unremovable;
import io.quarkus.runtime.Quarkus;

/**
 * Leader election through a Lease, so that only one of several operator replicas reconciles. QOSDK looks this bean
 * up only in the profiles of {@code quarkus.operator-sdk.activate-leader-election-for-profiles} (prod, its default):
 * dev, test and the sandbox run a single instance. (With {@code @IfBuildProfile("prod")} on the class, ArC built no
 * bean of it at all in this build, and the production jar ran without leader election.)
 *
 * <p>JOSDK 5.1.5 would call {@code System.exit} when leadership stops ({@code exitOnStopLeading}) and never releases
 * the Lease (it builds fabric8's elector with {@code releaseOnCancel=false}). On SIGTERM the shutdown hook stops the
 * operator, the elector is cancelled and calls the stop-leading callback on the shutdown thread: {@code System.exit}
 * there blocks forever on the shutdown already under way. So Veer turns {@code exitOnStopLeading} off and brings its
 * own callback, which tells the two cases apart:
 * <ul>
 * <li>the JVM is shutting down: clear the Lease's holder (if this replica still holds it) so that another replica
 * takes over at once rather than after the lease duration, and return;</li>
 * <li>leadership was lost while running (the Lease could not be renewed): exit, from another thread, so that the pod
 * restarts and competes again, as JOSDK intends.</li>
 * </ul>
 */
@Singleton
@Unremovable
public class LeaderElection extends LeaderElectionConfiguration {

    private static final Logger LOG = Logger.getLogger("dev.veer.leader-election");
    /** Exit status after a loss of leadership, as JOSDK's own exit. */
    private static final int LOST_LEADERSHIP = 1;

    @Inject
    public LeaderElection(@ConfigProperty(name = "veer.leader-election.lease-name") String leaseName,
            KubernetesClient client) {
        this(leaseName, identity(), client);
    }

    private LeaderElection(String leaseName, String identity, KubernetesClient client) {
        super(leaseName, null, LEASE_DURATION_DEFAULT_VALUE, RENEW_DEADLINE_DEFAULT_VALUE, RETRY_PERIOD_DEFAULT_VALUE,
                identity, callbacks(new LeaseRelease(client, leaseName, identity)), false);
        LOG.infof("Leader election on Lease %s as %s", leaseName, identity);
    }

    private static LeaderCallbacks callbacks(LeaseRelease release) {
        return new LeaderCallbacks(() -> LOG.infof("Leading as %s", release.identity), () -> {
            if (shuttingDown()) {
                release.run();
            } else {
                LOG.errorf("Lost the leadership of Lease %s as %s: exiting", release.leaseName, release.identity);
                Quarkus.asyncExit(LOST_LEADERSHIP);
            }
        }, leader -> LOG.infof("New leader: %s", leader));
    }

    /** The pod's name in a cluster (as JOSDK would take it), else a random identity. */
    private static String identity() {
        return Optional.ofNullable(System.getenv("HOSTNAME")).filter(h -> !h.isBlank())
                .orElseGet(() -> UUID.randomUUID().toString());
    }

    /** True once the JVM has begun to run its shutdown hooks: a new hook is refused then. */
    static boolean shuttingDown() {
        Thread probe = new Thread(() -> {
        });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
        } catch (IllegalStateException e) {
            return true;
        }
        Runtime.getRuntime().removeShutdownHook(probe);
        return false;
    }

    /** Clears the Lease's holder if it is this replica, so that the next leader need not wait for it to expire. */
    private record LeaseRelease(KubernetesClient client, String leaseName, String identity) implements Runnable {

        @Override
        public void run() {
            String namespace = client.getNamespace();
            try {
                Lease released = client.leases().inNamespace(namespace).withName(leaseName).edit(lease -> {
                    if (lease.getSpec() != null && Objects.equals(identity, lease.getSpec().getHolderIdentity())) {
                        lease.getSpec().setHolderIdentity(null);
                        lease.getSpec().setLeaseDurationSeconds(1);
                    }
                    return lease;
                });
                LOG.infof("Released Lease %s/%s (holder now %s)", namespace, leaseName,
                        released == null || released.getSpec() == null ? null
                                : released.getSpec().getHolderIdentity());
            } catch (KubernetesClientException e) {
                LOG.warnf("Could not release Lease %s/%s: %s", namespace, leaseName, e.getMessage());
            }
        }
    }
}
