package dev.veer.testing.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A real {@code git daemon} on 127.0.0.1 serving the bare repositories under its base path over {@code git://},
 * with push (receive-pack) enabled. The {@code git-daemon} program is run directly from {@code git --exec-path}:
 * the {@code git daemon} wrapper would put another process between us and the server.
 */
public final class GitDaemon implements AutoCloseable {

    private static final Pattern REPOSITORY_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final Path git;
    private final int port;
    private final Path basePath;
    private final ManagedProcess process;

    private GitDaemon(Path git, int port, Path basePath, ManagedProcess process) {
        this.git = git;
        this.port = port;
        this.basePath = basePath;
        this.process = process;
    }

    /** Starts git daemon on a free port with an empty base path; ready once it accepts TCP connections. */
    public static GitDaemon start() {
        Path git = ServerBinary.GIT.locate();
        Path daemon = Path.of(OneShotCommand.runChecked(List.of(git.toString(), "--exec-path")).trim(), "git-daemon");
        if (!Files.isExecutable(daemon)) {
            throw new IllegalStateException(daemon + " is missing: install the Debian package 'git' "
                    + "(apt-get install git), or point VEER_GIT_BIN at a git that ships git-daemon.");
        }
        int port = FreePort.allocate();
        ServerDirectory dir = ServerDirectory.create("git-daemon", port);
        Path basePath = dir.resolve("repositories");
        try {
            Files.createDirectories(basePath);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = List.of(daemon.toString(),
                "--listen=127.0.0.1",
                "--port=" + port,
                "--base-path=" + basePath,
                "--export-all",
                "--enable=receive-pack",
                "--reuseaddr",
                "--informative-errors",
                "--verbose");
        // The readiness probe connects and hangs up without a request: its log line is
        // "fatal: the remote end hung up unexpectedly", which is expected.
        ManagedProcess process = ManagedProcess.start(
                ProcessSpec.of("git-daemon", command, dir.logFile(), ReadinessCheck.tcpConnect(port)));
        return new GitDaemon(git, port, basePath, process);
    }

    /**
     * Creates an empty bare repository {@code <name>.git} (initial branch {@code main}) that accepts pushes, and
     * returns its {@code git://} URI.
     */
    public URI createBareRepository(String name) {
        Path repository = repositoryPath(name);
        if (Files.exists(repository)) {
            throw new IllegalArgumentException("repository " + name + " already exists under " + basePath);
        }
        OneShotCommand.runChecked(List.of(git.toString(), "init", "--quiet", "--bare", "--initial-branch=main",
                repository.toString()));
        OneShotCommand.runChecked(List.of(git.toString(), "--git-dir=" + repository, "config",
                "daemon.receivepack", "true"));
        return uri(name);
    }

    /** The URI of repository {@code name}, e.g. {@code git://127.0.0.1:41234/app-config.git}. */
    public URI uri(String name) {
        return URI.create("git://127.0.0.1:" + port + "/" + repositoryPath(name).getFileName());
    }

    /** The directory holding the served bare repositories. */
    public Path basePath() {
        return basePath;
    }

    public int port() {
        return port;
    }

    private Path repositoryPath(String name) {
        String bare = name.endsWith(".git") ? name.substring(0, name.length() - 4) : name;
        if (!REPOSITORY_NAME.matcher(bare).matches()) {
            throw new IllegalArgumentException("not a simple repository name: " + name);
        }
        return basePath.resolve(bare + ".git");
    }

    @Override
    public void close() {
        process.stop();
    }
}
