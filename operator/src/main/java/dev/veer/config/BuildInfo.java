package dev.veer.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * The version and Git commit Veer was built from, written into {@code veer-build.properties} by the build. Logged at
 * startup and exported as the gauge {@code veer_build_info{version, commit}} (always 1), so that a dashboard or an
 * alert can tell which build runs.
 */
@Singleton
public class BuildInfo {

    public static final String METRIC = "veer.build.info";
    private static final Logger LOG = Logger.getLogger(BuildInfo.class);

    private final String version;
    private final String commit;

    public BuildInfo() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/veer-build.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read veer-build.properties", e);
        }
        this.version = known(properties.getProperty("version"));
        this.commit = known(properties.getProperty("commit"));
    }

    public String version() {
        return version;
    }

    public String commit() {
        return commit;
    }

    void onStart(@Observes StartupEvent start, MeterRegistry registry) {
        Gauge.builder(METRIC, () -> 1).description("The build Veer runs: version and Git commit (always 1)")
                .tags("version", version, "commit", commit).strongReference(true).register(registry);
        LOG.infof("Veer %s (commit %s) starting", version, commit);
    }

    /** A property Maven did not fill in (a build outside Git, or a class path without the filtered file). */
    private static String known(String value) {
        return value == null || value.isBlank() || value.startsWith("${") ? "unknown" : value;
    }
}
