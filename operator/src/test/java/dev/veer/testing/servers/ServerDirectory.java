package dev.veer.testing.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The working directory of one test server, {@code operator/target/test-servers/<name>-<port>/}: it holds the
 * server's log file, generated configuration and data. Created empty; it stays after the run for post-mortems.
 */
public final class ServerDirectory {

    private final String name;
    private final Path path;

    private ServerDirectory(String name, Path path) {
        this.name = name;
        this.path = path;
    }

    /** Creates (emptying it if a previous run left it behind) the directory for server {@code name} on {@code port}. */
    public static ServerDirectory create(String name, int port) {
        Path path = root().resolve(name + "-" + port);
        try {
            deleteRecursively(path);
            Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create " + path, e);
        }
        return new ServerDirectory(name, path);
    }

    public Path path() {
        return path;
    }

    /** The file the server's stdout and stderr go to. */
    public Path logFile() {
        return path.resolve(name + ".log");
    }

    public Path resolve(String relative) {
        return path.resolve(relative);
    }

    /** {@code target/test-servers} of the module whose test classes are running (found from this class's location). */
    static Path root() {
        try {
            Path classes = Path.of(ServerDirectory.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path target = classes.getFileName().toString().equals("test-classes")
                    ? classes.getParent()
                    : Path.of("target").toAbsolutePath();
            return target.resolve("test-servers");
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the build directory", e);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> entries = Files.walk(path)) {
            for (Path entry : (Iterable<Path>) entries.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(entry);
            }
        }
    }
}
