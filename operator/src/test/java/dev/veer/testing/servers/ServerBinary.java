package dev.veer.testing.servers;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Finds the executable of a test server: the {@code VEER_*_BIN} environment variable if set, then {@code PATH}, then
 * well-known install locations. A missing binary fails the test (never skips it) with a message naming the Debian
 * package to install.
 */
public final class ServerBinary {

    public static final ServerBinary PROMETHEUS = new ServerBinary("prometheus", "VEER_PROMETHEUS_BIN",
            List.of("/usr/bin/prometheus", "/opt/veer-prometheus/usr/bin/prometheus", "/opt/prom/usr/bin/prometheus"),
            "Install the Debian package 'prometheus' (apt-get install prometheus), or unpack it without installing: "
                    + "apt-get download prometheus && dpkg-deb -x prometheus_*.deb DIR, "
                    + "then set VEER_PROMETHEUS_BIN=DIR/usr/bin/prometheus.");

    /** Prometheus' rule checker, shipped in the same Debian package as the server. */
    public static final ServerBinary PROMTOOL = new ServerBinary("promtool", "VEER_PROMTOOL_BIN",
            List.of("/usr/bin/promtool", "/opt/veer-prometheus/usr/bin/promtool", "/opt/prom/usr/bin/promtool"),
            "Install the Debian package 'prometheus' (apt-get install prometheus), or unpack it without installing: "
                    + "apt-get download prometheus && dpkg-deb -x prometheus_*.deb DIR, "
                    + "then set VEER_PROMTOOL_BIN=DIR/usr/bin/promtool.");

    public static final ServerBinary ETCD = new ServerBinary("etcd", "VEER_ETCD_BIN", List.of("/usr/bin/etcd"),
            "Install the Debian package 'etcd-server' (apt-get install etcd-server), or set VEER_ETCD_BIN.");

    public static final ServerBinary GIT = new ServerBinary("git", "VEER_GIT_BIN", List.of("/usr/bin/git"),
            "Install the Debian package 'git' (apt-get install git), or set VEER_GIT_BIN.");

    private final String name;
    private final String environmentVariable;
    private final List<String> wellKnownPaths;
    private final String installHint;

    ServerBinary(String name, String environmentVariable, List<String> wellKnownPaths, String installHint) {
        this.name = name;
        this.environmentVariable = environmentVariable;
        this.wellKnownPaths = List.copyOf(wellKnownPaths);
        this.installHint = installHint;
    }

    /** The binary to run, looked up in the test JVM's environment. */
    public Path locate() {
        return locate(System::getenv);
    }

    /** The binary to run, looked up with {@code environment} standing for the process environment. */
    Path locate(UnaryOperator<String> environment) {
        String override = environment.apply(environmentVariable);
        if (override != null && !override.isBlank()) {
            Path path = Path.of(override);
            if (!Files.isExecutable(path) || Files.isDirectory(path)) {
                throw new IllegalStateException(environmentVariable + "=" + override + " is not an executable file. "
                        + installHint);
            }
            return path;
        }
        List<Path> candidates = new ArrayList<>();
        Optional.ofNullable(environment.apply("PATH")).stream()
                .flatMap(path -> List.of(path.split(File.pathSeparator)).stream())
                .filter(dir -> !dir.isBlank())
                .forEach(dir -> candidates.add(Path.of(dir, name)));
        wellKnownPaths.forEach(path -> candidates.add(Path.of(path)));
        return candidates.stream()
                .filter(path -> Files.isExecutable(path) && !Files.isDirectory(path))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No '" + name + "' binary: " + environmentVariable
                        + " is not set, and none is on PATH or at " + wellKnownPaths + ". " + installHint));
    }

    @Override
    public String toString() {
        return name;
    }
}
