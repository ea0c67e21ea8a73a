package dev.veer.e2e.cluster;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.TestWatcher;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * JUnit extension of an e2e test class: the run's {@link E2eCluster} (prepared by the first class), a namespace of the
 * class's own, and, unless {@link #withoutOperator()}, an operator process of the class's own that leads its own
 * Lease (so that a class never waits for the Lease of the previous class's operator to expire). When a test fails it
 * prints where the operators' logs are.
 *
 * <pre>
 * &#64;RegisterExtension
 * static final E2eOperator veer = E2eOperator.running();
 * </pre>
 */
public final class E2eOperator implements BeforeAllCallback, AfterAllCallback, TestWatcher {

    private static final Namespace STORE = Namespace.create(E2eOperator.class);
    static final Duration LEADERSHIP_TIMEOUT = Duration.ofSeconds(60);

    private final boolean startOperator;
    private final List<OperatorProcess> operators = new CopyOnWriteArrayList<>();
    private E2eCluster cluster;
    private TestNamespace namespace;
    private OperatorProcess operator;
    private String name;

    private E2eOperator(boolean startOperator) {
        this.startOperator = startOperator;
    }

    /** The class gets an operator, started before its first test and leading when the test starts. */
    public static E2eOperator running() {
        return new E2eOperator(true);
    }

    /** The class starts and stops operators itself ({@link #startOperator}). */
    public static E2eOperator withoutOperator() {
        return new E2eOperator(false);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        cluster = context.getRoot().getStore(STORE)
                .getOrComputeIfAbsent(RunScopedCluster.class,
                        key -> new RunScopedCluster(E2eCluster.prepare(E2eSettings.fromProcess())),
                        RunScopedCluster.class)
                .cluster();
        name = context.getRequiredTestClass().getSimpleName().replace("E2ETest", "").toLowerCase(Locale.ROOT);
        namespace = cluster.createNamespace(name);
        if (startOperator) {
            operator = startOperator("veer-e2e-" + name + "-" + UUID.randomUUID().toString().substring(0, 6),
                    "veer-" + name);
            awaitLeader(operator.launch().leaseName(), operator);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            operators.forEach(OperatorProcess::close);
        } finally {
            if (namespace != null) {
                namespace.close();
            }
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        System.err.println("Veer e2e: " + context.getRequiredTestClass().getSimpleName() + "."
                + context.getDisplayName() + " failed; operator logs: "
                + operators.stream().map(o -> o.logFile().toString()).toList());
    }

    /** Starts one more operator; it is stopped when the class ends, and its log named if a test fails. */
    public OperatorProcess startOperator(String leaseName, String holderIdentity) {
        OperatorProcess started = cluster.startOperator(leaseName, holderIdentity);
        operators.add(started);
        return started;
    }

    /** Waits until {@code operator} holds {@code leaseName}. */
    public void awaitLeader(String leaseName, OperatorProcess expected) {
        await("Lease " + leaseName + " held by " + expected).atMost(LEADERSHIP_TIMEOUT)
                .pollInterval(Duration.ofMillis(200))
                .failFast(expected + " exited", () -> !expected.isAlive())
                .until(() -> Leases.holder(client(), cluster.identity().namespace(), leaseName),
                        holder -> holder.equals(Optional.of(expected.holderIdentity())));
    }

    public E2eCluster cluster() {
        return cluster;
    }

    public KubernetesClient client() {
        return cluster.client();
    }

    /** The class's namespace. */
    public String namespace() {
        return namespace.name();
    }

    /** The class's operator (with {@link #running()}). */
    public OperatorProcess operator() {
        if (operator == null) {
            throw new IllegalStateException("this class runs its operators itself");
        }
        return operator;
    }

    public Rollouts rollouts() {
        return new Rollouts(client(), namespace());
    }

    /** What the root store holds: JUnit closes it (AutoCloseable) when the run ends. */
    @SuppressWarnings("deprecation")
    private record RunScopedCluster(E2eCluster cluster)
            implements ExtensionContext.Store.CloseableResource, AutoCloseable {

        @Override
        public void close() {
            cluster.close();
        }
    }
}
