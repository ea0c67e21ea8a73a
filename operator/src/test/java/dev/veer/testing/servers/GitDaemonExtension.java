package dev.veer.testing.servers;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension giving a test class a real git daemon, started before its first test and stopped after its last.
 *
 * <pre>
 * &#64;RegisterExtension
 * static final GitDaemonExtension gitDaemon = new GitDaemonExtension();
 * ... URI uri = gitDaemon.createBareRepository("app-config"); // git://127.0.0.1:PORT/app-config.git
 * </pre>
 */
public final class GitDaemonExtension implements BeforeAllCallback, AfterAllCallback {

    private GitDaemon daemon;

    @Override
    public void beforeAll(ExtensionContext context) {
        daemon = GitDaemon.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (daemon != null) {
            daemon.close();
            daemon = null;
        }
    }

    /** Creates an empty bare repository that accepts pushes and returns its {@code git://} URI. */
    public URI createBareRepository(String name) {
        return daemon().createBareRepository(name);
    }

    /** The {@code git://} URI of repository {@code name}. */
    public URI uri(String name) {
        return daemon().uri(name);
    }

    /** The directory holding the served bare repositories. */
    public Path basePath() {
        return daemon().basePath();
    }

    private GitDaemon daemon() {
        if (daemon == null) {
            throw new IllegalStateException(
                    "git daemon is only available while the tests of a class registering it in a static field run");
        }
        return daemon;
    }
}
