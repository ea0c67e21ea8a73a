package dev.veer.testing.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        return start(Optional.empty());
    }

    /**
     * Starts a Prometheus that asks every request for basic authentication: user {@code username}, whose password
     * has the bcrypt hash {@code passwordBcrypt} (cost 4 keeps logins fast). It is ready once {@code /-/ready}
     * answers 401. Not the run's shared instance: the test that starts it stops it.
     */
    public static PrometheusServer startWithBasicAuth(String username, String passwordBcrypt) {
        return start(Optional.of("basic_auth_users:\n  " + username + ": " + passwordBcrypt + "\n"));
    }

    private static PrometheusServer start(Optional<String> webConfig) {
        Path binary = ServerBinary.PROMETHEUS.locate();
        int port = FreePort.allocate();
        ServerDirectory dir = ServerDirectory.create("prometheus", port);
        ScrapeTargets scrapeTargets = ScrapeTargets.create(dir.resolve("targets.json"));
        Path config = dir.resolve("prometheus.yml");
        Path web = dir.resolve("web.yml");
        try {
            Files.writeString(config, PrometheusConfig.render(port, scrapeTargets.file()));
            if (webConfig.isPresent()) {
                Files.writeString(web, webConfig.get());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        URI baseUri = URI.create("http://127.0.0.1:" + port);
        List<String> command = new ArrayList<>(List.of(binary.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--web.enable-remote-write-receiver"));
        webConfig.ifPresent(present -> command.add("--web.config.file=" + web));
        int readyStatus = webConfig.isPresent() ? 401 : 200;
        ReadinessCheck ready = ReadinessCheck.httpGet(baseUri.resolve("/-/ready"),
                response -> response.statusCode() == readyStatus);
        ManagedProcess process = ManagedProcess.start(
                ProcessSpec.of("prometheus", command, dir.logFile(), ready).withStartupTimeout(Duration.ofSeconds(60)));
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
