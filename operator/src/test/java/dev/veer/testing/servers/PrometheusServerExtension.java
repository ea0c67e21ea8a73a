package dev.veer.testing.servers;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

/**
 * JUnit 5 extension giving tests the one real Prometheus of the whole test run: started by the first test class that
 * needs it, kept in the root context's store and stopped when the run ends. Series and scrape targets therefore
 * outlive a test class: use labels unique to your test.
 *
 * <pre>
 * &#64;RegisterExtension
 * static final PrometheusServerExtension prometheus = new PrometheusServerExtension();
 * ... prometheus.query("up{job=\"prometheus\"} == 1") ...
 * </pre>
 */
public final class PrometheusServerExtension implements BeforeAllCallback, BeforeEachCallback {

    private static final Namespace NAMESPACE = Namespace.create(PrometheusServerExtension.class);

    private volatile PrometheusServer server;

    @Override
    public void beforeAll(ExtensionContext context) {
        attach(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        attach(context);
    }

    private void attach(ExtensionContext context) {
        if (server == null) {
            server = context.getRoot().getStore(NAMESPACE)
                    .getOrComputeIfAbsent(RunScopedServer.class, key -> new RunScopedServer(PrometheusServer.start()),
                            RunScopedServer.class)
                    .server();
        }
    }

    /** Evaluates {@code promql} now and returns the parsed result. */
    public QueryResult query(String promql) {
        return server().client().query(promql);
    }

    /** Pushes exactly these samples through the remote-write receiver. */
    public void remoteWrite(Series... series) {
        server().client().remoteWrite(List.of(series));
    }

    /** Registers a scrape target, e.g. {@code addScrapeTarget("veer-operator", "127.0.0.1:8080", Map.of())}. */
    public void addScrapeTarget(String job, String hostPort, Map<String, String> labels) {
        server().addScrapeTarget(job, hostPort, labels);
    }

    /** E.g. {@code http://127.0.0.1:41234}: what the code under test is configured with. */
    public URI baseUri() {
        return server().baseUri();
    }

    /** E.g. {@code 127.0.0.1:41234}. */
    public String hostPort() {
        return server().hostPort();
    }

    public PrometheusClient client() {
        return server().client();
    }

    private PrometheusServer server() {
        PrometheusServer current = server;
        if (current == null) {
            throw new IllegalStateException("Prometheus is only available while tests of the registering class run");
        }
        return current;
    }

    /**
     * What the root store holds: JUnit closes it when the run ends. JUnit 5.13 closes {@link AutoCloseable} values
     * (and calls nothing else on them); {@code CloseableResource} is for older JUnit versions.
     */
    @SuppressWarnings("deprecation")
    private record RunScopedServer(PrometheusServer server)
            implements ExtensionContext.Store.CloseableResource, AutoCloseable {

        @Override
        public void close() {
            server.close();
        }
    }
}
