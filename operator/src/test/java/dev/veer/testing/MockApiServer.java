package dev.veer.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Path;
import java.util.Map;

import dev.veer.sandbox.MockCluster;
import dev.veer.sandbox.SimulatedWorkloadController;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Runs the operator under test against fabric8's mock API server (CRUD mode) with Veer's CRDs installed and the
 * simulated workload controller running. One server serves every {@code @QuarkusTest} of the run, so that the
 * application boots once; tests isolate themselves by namespace.
 *
 * <p>A test gets the simulated controller with a field annotated {@link InjectWorkloads}.
 */
public class MockApiServer implements QuarkusTestResourceLifecycleManager {

    /** Marks a {@link SimulatedWorkloadController} field to be injected. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectWorkloads {
    }

    private MockCluster cluster;
    private SimulatedWorkloadController workloads;

    @Override
    public Map<String, String> start() {
        cluster = MockCluster.start().installCrds(crdsDirectory());
        workloads = SimulatedWorkloadController.start(cluster.client());
        return Map.of(
                "quarkus.kubernetes-client.api-server-url", cluster.url(),
                "quarkus.kubernetes-client.trust-certs", "true",
                "quarkus.kubernetes-client.namespace", "default");
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(workloads,
                new TestInjector.AnnotatedAndMatchesType(InjectWorkloads.class, SimulatedWorkloadController.class));
    }

    @Override
    public void stop() {
        if (workloads != null) {
            workloads.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Path crdsDirectory() {
        return Path.of(System.getProperty("veer.crds.dir", "../crds"));
    }
}
