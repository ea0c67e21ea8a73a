package dev.veer.e2e.cluster;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Installs the committed {@code crds/} as a user would ({@code kubectl apply --server-side}): server-side apply with
 * field manager {@value #FIELD_MANAGER}, conflicts forced, then waits until each CRD is Established. An API server that
 * refuses a CRD (a CEL rule over its cost budget, say) fails the run with the server's own message.
 */
public final class CrdInstaller {

    public static final String FIELD_MANAGER = "veer-e2e";
    private static final Duration ESTABLISHED_TIMEOUT = Duration.ofSeconds(60);

    private CrdInstaller() {
    }

    /** The CRD files of {@code directory} ({@code *.yml} and {@code *.yaml}), in name order. */
    public static List<Path> files(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }

    public static List<String> install(KubernetesClient client, Path directory) {
        List<Path> files = files(directory);
        if (files.isEmpty()) {
            throw new IllegalStateException("no CRDs in " + directory);
        }
        List<String> names = files.stream().map(file -> apply(client, file)).toList();
        for (String name : names) {
            await("CRD " + name + " Established").atMost(ESTABLISHED_TIMEOUT).pollInterval(Duration.ofMillis(200))
                    .until(() -> isEstablished(client.apiextensions().v1().customResourceDefinitions().withName(name)
                            .get()));
        }
        return names;
    }

    private static String apply(KubernetesClient client, Path file) {
        CustomResourceDefinition crd;
        try {
            crd = client.getKubernetesSerialization().unmarshal(Files.readString(file), CustomResourceDefinition.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        try {
            client.resource(crd).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
        } catch (KubernetesClientException e) {
            throw new IllegalStateException("the API server refused " + file.getFileName() + " (HTTP " + e.getCode()
                    + "): " + e.getMessage(), e);
        }
        return crd.getMetadata().getName();
    }

    static boolean isEstablished(CustomResourceDefinition crd) {
        return crd != null && crd.getStatus() != null && crd.getStatus().getConditions() != null
                && crd.getStatus().getConditions().stream()
                        .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
