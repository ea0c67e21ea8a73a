package dev.veer.testing.servers;

import java.net.URI;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension giving a test class a real etcd: one per test class by default, or a fresh one for every test
 * with {@link #perTest()}.
 *
 * <pre>
 * &#64;RegisterExtension
 * static final EtcdServerExtension etcd = new EtcdServerExtension();
 * ... Client.builder().endpoints(etcd.endpoint()).build() ...
 * </pre>
 */
public final class EtcdServerExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {

    private enum Scope { CLASS, TEST }

    private final Scope scope;
    private final Supplier<EtcdServer.Options> options;
    private EtcdServer server;

    /** One etcd for the whole test class; register it in a {@code static} field. */
    public EtcdServerExtension() {
        this(Scope.CLASS, EtcdServer.Options::defaults);
    }

    private EtcdServerExtension(Scope scope, Supplier<EtcdServer.Options> options) {
        this.scope = scope;
        this.options = options;
    }

    /** A fresh etcd (empty data directory, new ports) for every test. */
    public static EtcdServerExtension perTest() {
        return new EtcdServerExtension(Scope.TEST, EtcdServer.Options::defaults);
    }

    /**
     * One etcd for the whole test class, started with the options {@code options} gives when the class starts (so
     * that, say, TLS material can be generated first).
     */
    public static EtcdServerExtension withOptions(Supplier<EtcdServer.Options> options) {
        return new EtcdServerExtension(Scope.CLASS, options);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (scope == Scope.CLASS) {
            server = EtcdServer.start(options.get());
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (scope == Scope.TEST) {
            server = EtcdServer.start(options.get());
        } else if (server == null) {
            throw new IllegalStateException("a per-class EtcdServerExtension must be registered in a static field");
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (scope == Scope.TEST) {
            close();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (scope == Scope.CLASS) {
            close();
        }
    }

    private void close() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** The client URL to give jetcd, e.g. {@code http://127.0.0.1:41234}; stable across {@link #restart()}. */
    public URI endpoint() {
        return server().endpoint();
    }

    /** Stops etcd, keeping its data; {@link #restart()} brings it back. */
    public void stop() {
        server().stop();
    }

    /** (Re)starts etcd on the same ports and data directory and waits until it is healthy. */
    public void restart() {
        server().restart();
    }

    public boolean isRunning() {
        return server().isRunning();
    }

    public Path dataDirectory() {
        return server().dataDirectory();
    }

    private EtcdServer server() {
        if (server == null) {
            throw new IllegalStateException("etcd is only available while a test of the registering class runs");
        }
        return server;
    }
}
