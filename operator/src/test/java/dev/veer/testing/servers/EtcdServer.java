package dev.veer.testing.servers;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

    /** What to start etcd with besides the defaults: TLS on the client port, and extra command-line arguments. */
    public record Options(Optional<EtcdTls> tls, List<String> extraArguments) {

        public Options {
            extraArguments = List.copyOf(extraArguments);
        }

        public static Options defaults() {
            return new Options(Optional.empty(), List.of());
        }

        /** Serves clients over TLS and requires a client certificate signed by the CA of {@code tls}. */
        public Options withMutualTls(EtcdTls tls) {
            return new Options(Optional.of(tls), extraArguments);
        }

        /** Adds arguments, e.g. {@code --bcrypt-cost 4} for fast logins once auth is enabled. */
        public Options withArguments(String... arguments) {
            List<String> all = new ArrayList<>(extraArguments);
            all.addAll(List.of(arguments));
            return new Options(tls, all);
        }
    }

    /** Starts etcd with a fresh data directory on two free ports and waits until /health says it is healthy. */
    public static EtcdServer start() {
        return start(Options.defaults());
    }

    /**
     * Starts etcd as {@link #start()} does, with {@code options}. With TLS the client URL is https and /health is
     * polled on a separate plain-HTTP metrics port, as the client port then requires a client certificate.
     */
    public static EtcdServer start(Options options) {
        Path binary = ServerBinary.ETCD.locate();
        int clientPort = FreePort.allocate();
        int peerPort = FreePort.allocate();
        ServerDirectory dir = ServerDirectory.create("etcd", clientPort);
        Path dataDirectory = dir.resolve("data");
        String clientUrl = (options.tls().isPresent() ? "https" : "http") + "://127.0.0.1:" + clientPort;
        String peerUrl = "http://127.0.0.1:" + peerPort;
        List<String> command = new ArrayList<>(List.of(binary.toString(),
                "--name", "default",
                "--data-dir", dataDirectory.toString(),
                "--listen-client-urls", clientUrl,
                "--advertise-client-urls", clientUrl,
                "--listen-peer-urls", peerUrl,
                "--initial-advertise-peer-urls", peerUrl,
                "--initial-cluster", "default=" + peerUrl,
                "--heartbeat-interval", "10",
                "--election-timeout", "100",
                "--logger", "zap"));
        URI health = URI.create(clientUrl).resolve("/health");
        if (options.tls().isPresent()) {
            EtcdTls tls = options.tls().get();
            String metricsUrl = "http://127.0.0.1:" + FreePort.allocate();
            command.addAll(List.of("--cert-file", tls.serverCertificate().toString(),
                    "--key-file", tls.serverKey().toString(),
                    "--trusted-ca-file", tls.caCertificate().toString(),
                    "--client-cert-auth",
                    "--listen-metrics-urls", metricsUrl));
            health = URI.create(metricsUrl + "/health");
        }
        command.addAll(options.extraArguments());
        URI endpoint = URI.create(clientUrl);
        ProcessSpec spec = ProcessSpec.of("etcd", command, dir.logFile(),
                        ReadinessCheck.httpGet(health, EtcdServer::isHealthy))
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
