package dev.veer.testing.servers;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

/**
 * A real single-member etcd listening on 127.0.0.1. Its ports and data directory are fixed at {@link #start()}, so
 * {@link #stop()} and {@link #restart()} bring back the same server with the same data at the same endpoint.
 */
public final class EtcdServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final Path dataDirectory;
    private final ProcessSpec spec;
    private ManagedProcess process;

    private EtcdServer(URI endpoint, Path dataDirectory, ProcessSpec spec) {
        this.endpoint = endpoint;
        this.dataDirectory = dataDirectory;
        this.spec = spec;
    }

    /** Starts etcd with a fresh data directory on two free ports and waits until /health says it is healthy. */
    public static EtcdServer start() {
        Path binary = ServerBinary.ETCD.locate();
        int clientPort = FreePort.allocate();
        int peerPort = FreePort.allocate();
        ServerDirectory dir = ServerDirectory.create("etcd", clientPort);
        Path dataDirectory = dir.resolve("data");
        String clientUrl = "http://127.0.0.1:" + clientPort;
        String peerUrl = "http://127.0.0.1:" + peerPort;
        List<String> command = List.of(binary.toString(),
                "--name", "default",
                "--data-dir", dataDirectory.toString(),
                "--listen-client-urls", clientUrl,
                "--advertise-client-urls", clientUrl,
                "--listen-peer-urls", peerUrl,
                "--initial-advertise-peer-urls", peerUrl,
                "--initial-cluster", "default=" + peerUrl,
                "--heartbeat-interval", "10",
                "--election-timeout", "100",
                "--logger", "zap");
        URI endpoint = URI.create(clientUrl);
        ProcessSpec spec = ProcessSpec.of("etcd", command, dir.logFile(),
                        ReadinessCheck.httpGet(endpoint.resolve("/health"), EtcdServer::isHealthy))
                // ETCD_* variables of the surrounding shell would override or conflict with the flags above.
                .withEnvironment(environment -> environment.keySet().removeIf(name -> name.startsWith("ETCD_")));
        EtcdServer server = new EtcdServer(endpoint, dataDirectory, spec);
        server.process = ManagedProcess.start(spec);
        return server;
    }

    private static boolean isHealthy(HttpResponse<String> response) {
        try {
            return response.statusCode() == 200 && "true".equals(JSON.readTree(response.body()).path("health").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The client URL, e.g. {@code http://127.0.0.1:41234}; stays the same across restarts. */
    public URI endpoint() {
        return endpoint;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Stops etcd (SIGTERM to its process group); the data directory is kept. Does nothing if already stopped. */
    public synchronized void stop() {
        if (process != null) {
            process.stop();
            process = null;
        }
    }

    /** Stops etcd if it runs, then starts it again on the same ports and data directory and waits until healthy. */
    public synchronized void restart() {
        stop();
        process = ManagedProcess.start(spec);
    }

    @Override
    public void close() {
        stop();
    }
}
