package dev.veer.testing.servers;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The file_sd targets file of the harness' Prometheus. Tests add scrape targets at runtime; each becomes a target
 * group whose {@code job} label overrides the scrape job's name. The file is replaced atomically so Prometheus never
 * reads half of it.
 */
final class ScrapeTargets {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final List<Map<String, Object>> groups = new ArrayList<>();

    private ScrapeTargets(Path file) {
        this.file = file;
    }

    /** Creates the file with no targets. */
    static ScrapeTargets create(Path file) {
        ScrapeTargets targets = new ScrapeTargets(file);
        targets.write();
        return targets;
    }

    Path file() {
        return file;
    }

    synchronized void add(String job, String hostPort, Map<String, String> labels) {
        if (job == null || job.isBlank()) {
            throw new IllegalArgumentException("job must not be blank");
        }
        if (!hostPort.matches("[^:/\\s]+:\\d+")) {
            throw new IllegalArgumentException("expected host:port, got " + hostPort);
        }
        if (labels.containsKey("job")) {
            throw new IllegalArgumentException("pass the job as the job argument, not as a label");
        }
        Map<String, String> groupLabels = new TreeMap<>(labels);
        groupLabels.put("job", job);
        groups.add(Map.of("targets", List.of(hostPort), "labels", groupLabels));
        write();
    }

    private void write() {
        try {
            Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), groups);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }
}
