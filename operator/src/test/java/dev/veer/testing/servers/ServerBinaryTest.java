package dev.veer.testing.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Binary lookup order and the messages that name the Debian package when a binary is missing. */
class ServerBinaryTest {

    @TempDir
    Path dir;

    @Test
    void environmentVariableWinsOverPath() throws IOException {
        Path onPath = executable(dir.resolve("bin/etcd"));
        Path override = executable(dir.resolve("custom/etcd"));
        Map<String, String> env = Map.of("PATH", onPath.getParent().toString(), "VEER_ETCD_BIN", override.toString());

        assertThat(ServerBinary.ETCD.locate(env::get)).isEqualTo(override);
    }

    @Test
    void pathWinsOverWellKnownLocations() throws IOException {
        Path onPath = executable(dir.resolve("bin/git"));
        Map<String, String> env = Map.of("PATH", "/nonexistent:" + onPath.getParent());

        assertThat(ServerBinary.GIT.locate(env::get)).isEqualTo(onPath);
    }

    @Test
    void wellKnownLocationIsTheLastResort() throws IOException {
        Path wellKnown = executable(dir.resolve("opt/prometheus"));
        ServerBinary binary = new ServerBinary("prometheus", "VEER_PROMETHEUS_BIN",
                List.of(dir.resolve("missing").toString(), wellKnown.toString()), "hint");

        assertThat(binary.locate(Map.of("PATH", dir.toString())::get)).isEqualTo(wellKnown);
    }

    @Test
    void missingBinaryFailsNamingTheDebianPackage() {
        ServerBinary binary = new ServerBinary("etcd", "VEER_ETCD_BIN", List.of(dir.resolve("etcd").toString()),
                "Install the Debian package 'etcd-server'.");

        assertThatThrownBy(() -> binary.locate(Map.<String, String>of()::get))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No 'etcd' binary")
                .hasMessageContaining("VEER_ETCD_BIN is not set")
                .hasMessageContaining("etcd-server");
    }

    @Test
    void brokenOverrideFailsNamingTheDebianPackageOfEachServer() {
        String missing = dir.resolve("nothing-here").toString();

        assertThatThrownBy(() -> ServerBinary.ETCD.locate(Map.of("VEER_ETCD_BIN", missing)::get))
                .hasMessageContaining("VEER_ETCD_BIN=" + missing + " is not an executable file")
                .hasMessageContaining("apt-get install etcd-server");
        assertThatThrownBy(() -> ServerBinary.GIT.locate(Map.of("VEER_GIT_BIN", missing)::get))
                .hasMessageContaining("apt-get install git");
        assertThatThrownBy(() -> ServerBinary.PROMETHEUS.locate(Map.of("VEER_PROMETHEUS_BIN", missing)::get))
                .hasMessageContaining("apt-get install prometheus")
                .hasMessageContaining("apt-get download prometheus && dpkg-deb -x prometheus_*.deb DIR")
                .hasMessageContaining("VEER_PROMETHEUS_BIN");
    }

    private static Path executable(Path path) throws IOException {
        Files.createDirectories(path.getParent());
        Files.writeString(path, "#!/bin/sh\n");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        return path;
    }
}
