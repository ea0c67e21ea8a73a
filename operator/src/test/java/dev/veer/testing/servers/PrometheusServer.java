package dev.veer.testing.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real Prometheus on 127.0.0.1, started from a generated config (see {@link PrometheusConfig}) with the
 * remote-write receiver on. It scrapes itself as job {@code prometheus} and, through file-based discovery, whatever
 * tests register with {@link #addScrapeTarget}.
 *
 * <p>Prometheus' discovery manager hands new targets to the scrape manager at most every 5 s, so the first scrape of
 * any target (itself included) comes about 5 s after start or after registration: share one instance.
 */
public final class PrometheusServer implements AutoCloseable {

    private final URI baseUri;
    private final ScrapeTargets scrapeTargets;
    private final PrometheusClient client;
    private final ManagedProcess process;

    private PrometheusServer(URI baseUri, ScrapeTargets scrapeTargets, ManagedProcess process) {
        this.baseUri = baseUri;
        this.scrapeTargets = scrapeTargets;
        this.client = new PrometheusClient(baseUri);
        this.process = process;
    }

    /** Starts Prometheus on a free port with a fresh TSDB and waits until {@code /-/ready} answers 200. */
    public static PrometheusServer start() {
        Path binary = ServerBinary.PROMETHEUS.locate();
        int port = FreePort.allocate();
        ServerDirectory dir = ServerDirectory.create("prometheus", port);
        ScrapeTargets scrapeTargets = ScrapeTargets.create(dir.resolve("targets.json"));
        Path config = dir.resolve("prometheus.yml");
        try {
            Files.writeString(config, PrometheusConfig.render(port, scrapeTargets.file()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        URI baseUri = URI.create("http://127.0.0.1:" + port);
        List<String> command = List.of(binary.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--web.enable-remote-write-receiver");
        ManagedProcess process = ManagedProcess.start(
                ProcessSpec.of("prometheus", command, dir.logFile(), ReadinessCheck.httpOk(baseUri.resolve("/-/ready")))
                        .withStartupTimeout(Duration.ofSeconds(60)));
        return new PrometheusServer(baseUri, scrapeTargets, process);
    }

    /** E.g. {@code http://127.0.0.1:41234}. */
    public URI baseUri() {
        return baseUri;
    }

    /** E.g. {@code 127.0.0.1:41234}, the form a scrape target takes. */
    public String hostPort() {
        return baseUri.getAuthority();
    }

    public PrometheusClient client() {
        return client;
    }

    /**
     * Makes Prometheus scrape {@code http://<hostPort>/metrics} every second as job {@code job}, with the extra
     * target labels {@code labels}. The first scrape follows within about 5 s (see the class comment).
     */
    public void addScrapeTarget(String job, String hostPort, Map<String, String> labels) {
        scrapeTargets.add(job, hostPort, labels);
    }

    @Override
    public void close() {
        process.stop();
    }
}
