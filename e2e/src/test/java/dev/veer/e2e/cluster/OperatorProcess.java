package dev.veer.e2e.cluster;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

import dev.veer.testing.servers.ManagedProcess;
import dev.veer.testing.servers.ProcessSpec;
import dev.veer.testing.servers.ReadinessCheck;

/**
 * A running operator: the production jar started as a child process in its own process group by the operator
 * module's test harness ({@link ManagedProcess}), output to its log file. It counts as started once
 * {@code /q/health/live} answers 200, that is once Quarkus finished starting (the operator, CRD validation included,
 * starts before the HTTP server answers); whether it leads is the Lease's business ({@link Leases}).
 */
public final class OperatorProcess implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
    /** What {@link #close()} waits after SIGTERM before SIGKILL. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final OperatorLaunch launch;
    private final ManagedProcess process;

    private OperatorProcess(OperatorLaunch launch, ManagedProcess process) {
        this.launch = launch;
        this.process = process;
    }

    public static OperatorProcess start(OperatorLaunch launch) {
        return start(launch, environment -> {
        });
    }

    /** Starts it with {@code override} applied to its environment last (e.g. another KUBECONFIG). */
    static OperatorProcess start(OperatorLaunch launch, Consumer<Map<String, String>> override) {
        URI live = URI.create("http://127.0.0.1:" + launch.httpPort() + "/q/health/live");
        ProcessSpec spec = ProcessSpec.of("veer-operator-" + launch.holderIdentity(), launch.command(),
                        launch.logFile(), ReadinessCheck.httpOk(live))
                .withStartupTimeout(STARTUP_TIMEOUT)
                .withStopGracePeriod(STOP_GRACE)
                .withEnvironment(environment -> {
                    launch.adjust(environment);
                    override.accept(environment);
                });
        return new OperatorProcess(launch, ManagedProcess.start(spec));
    }

    public OperatorLaunch launch() {
        return launch;
    }

    public String holderIdentity() {
        return launch.holderIdentity();
    }

    public Path logFile() {
        return launch.logFile();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: the operator gets no chance to clean up, as when a node dies or the OOM killer strikes. */
    public void kill() {
        ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly);
    }

    /** SIGTERM: what the kubelet sends when a pod stops. Returns at once; see {@link #isAlive()}. */
    public void terminate() {
        ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroy);
    }

    /** Stops it if it still runs: SIGTERM to its process group, SIGKILL after the grace period. */
    @Override
    public void close() {
        process.stop();
    }

    @Override
    public String toString() {
        return "operator " + launch.holderIdentity() + " (log " + launch.logFile() + ")";
    }
}
