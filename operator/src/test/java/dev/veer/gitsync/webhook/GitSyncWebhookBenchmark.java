package dev.veer.gitsync.webhook;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.veer.api.GitRef;
import dev.veer.api.GitRepositorySpec;
import dev.veer.api.GitSync;
import dev.veer.api.GitSyncSpec;
import dev.veer.api.SecretRef;
import dev.veer.api.WebhookSpec;
import dev.veer.gitsync.source.GitCredentials;
import dev.veer.gitsync.source.RepositoryWriter;
import dev.veer.gitsync.source.SourceRef;
import dev.veer.gitsync.source.WorkingCopies;
import dev.veer.testing.MockApiServer;
import dev.veer.testing.servers.GitDaemonExtension;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Webhook push to applied: N sequential commits (default 50, {@code -Dveer.benchmark.commits}) to a small repository
 * on a real git daemon, each followed by a signed GitHub webhook; the time from the webhook request to the GitSync's
 * status showing the commit applied (the operator on the mock API server: the apply is emulated there). Next to it,
 * the floor measured in the same run: a bare JGit fetch of the same repository. Printed, never asserted
 * ({@code ./mvnw -pl operator test -Pbenchmark -Dtest=GitSyncWebhookBenchmark}).
 */
@QuarkusTest
@QuarkusTestResource(MockApiServer.class)
@TestProfile(GitSyncWebhookBenchmark.UnlimitedWebhooks.class)
class GitSyncWebhookBenchmark {

    /** 50 commits in a few seconds would go over the default per-GitSync rate (burst 20, 2/s). */
    public static class UnlimitedWebhooks implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("veer.gitsync.webhook.burst", "10000", "veer.gitsync.webhook.per-second", "10000");
        }
    }

    @RegisterExtension
    static final GitDaemonExtension gitDaemon = new GitDaemonExtension();

    private static final String NAMESPACE = "bench";
    private static final byte[] SECRET = "bench-secret".getBytes(StandardCharsets.UTF_8);

    @Inject
    KubernetesClient client;

    @Test
    void webhookPushToApplied() throws Exception {
        int commits = Integer.getInteger("veer.benchmark.commits", 50);
        String name = "bench";
        var uri = gitDaemon.createBareRepository(name);
        try (RepositoryWriter writer = RepositoryWriter.pushingTo(uri)) {
            String first = writer.commit(Map.of("app/cm.yaml", configMap(0)), "0");
            create(name, uri.toString());
            awaitApplied(name, first);
            Path cache = Files.createTempDirectory("veer-bench-");
            WorkingCopies floor = new WorkingCopies(cache.toString());
            long[] latency = new long[commits];
            long[] fetch = new long[commits];
            byte[] body = "{\"ref\":\"refs/heads/main\"}".getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < commits; i++) {
                String commit = writer.commit(Map.of("app/cm.yaml", configMap(i + 1)), String.valueOf(i + 1));
                long f0 = System.nanoTime();
                floor.fetch(uri.toString(), new SourceRef.Branch("main"), GitCredentials.NONE, Duration.ofSeconds(30),
                        "app");
                fetch[i] = System.nanoTime() - f0;
                long start = System.nanoTime();
                given().header("X-GitHub-Event", "push")
                        .header(WebhookSignatures.GITHUB_HEADER, WebhookSignatures.sign(SECRET, body)).body(body)
                        .post(WebhookReceiver.PATH + "/" + NAMESPACE + "/" + name).then().statusCode(202);
                awaitApplied(name, commit);
                latency[i] = System.nanoTime() - start;
            }
            System.out.printf("%nGitSync webhook push -> applied, %d sequential commits (ms)%n", commits);
            System.out.printf("  %-40s p50 %7.1f  p99 %7.1f%n", "floor: bare JGit fetch (shallow)", ms(fetch, 50),
                    ms(fetch, 99));
            System.out.printf("  %-40s p50 %7.1f  p99 %7.1f%n", "Veer: webhook -> status shows applied",
                    ms(latency, 50), ms(latency, 99));
            int slowest = 0;
            for (int i = 1; i < commits; i++) {
                slowest = latency[i] > latency[slowest] ? i : slowest;
            }
            System.out.printf("  slowest: commit %d of %d, %.1f ms; without the first commit p99 %.1f ms%n",
                    slowest + 1, commits, latency[slowest] / 1e6, ms(Arrays.copyOfRange(latency, 1, commits), 99));
            System.out.printf("  %-40s p50 %7.1fx p99 %7.1fx%n%n", "Veer / floor", ms(latency, 50) / ms(fetch, 50),
                    ms(latency, 99) / ms(fetch, 99));
        }
    }

    private void create(String name, String url) {
        client.resource(new SecretBuilder().withNewMetadata().withName(name + "-hook").withNamespace(NAMESPACE)
                .endMetadata().addToData("token", Base64.getEncoder().encodeToString(SECRET)).build()).create();
        GitSync gitSync = new GitSync();
        gitSync.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
        GitSyncSpec spec = new GitSyncSpec();
        GitRepositorySpec repository = new GitRepositorySpec();
        repository.setUrl(url);
        repository.setRef(GitRef.branch("main"));
        repository.setInterval("1h");
        spec.setRepository(repository);
        spec.setPath("app");
        WebhookSpec webhook = new WebhookSpec();
        webhook.setProvider(WebhookSpec.Provider.GitHub);
        webhook.setSecretRef(new SecretRef(name + "-hook"));
        spec.setWebhook(webhook);
        gitSync.setSpec(spec);
        client.resource(gitSync).create();
    }

    private void awaitApplied(String name, String commit) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5)).until(() -> {
            GitSync gitSync = client.resources(GitSync.class).inNamespace(NAMESPACE).withName(name).get();
            return gitSync.getStatus() != null && commit.equals(gitSync.getStatus().getLastAppliedCommit());
        });
    }

    private static String configMap(int value) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bench\ndata:\n  value: \"" + value + "\"\n";
    }

    private static double ms(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
