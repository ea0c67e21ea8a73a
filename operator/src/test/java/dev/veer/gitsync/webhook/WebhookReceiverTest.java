package dev.veer.gitsync.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.veer.api.GitRef;
import dev.veer.api.GitRepositorySpec;
import dev.veer.api.GitSync;
import dev.veer.api.GitSyncSpec;
import dev.veer.api.SecretRef;
import dev.veer.api.WebhookSpec;
import dev.veer.common.Conditions;
import dev.veer.gitsync.plan.GitSyncConditions;
import dev.veer.gitsync.source.RepositoryWriter;
import dev.veer.testing.MockApiServer;
import dev.veer.testing.servers.GitDaemonExtension;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Real HTTP requests to the webhook receivers of the running operator (mock API server, real git daemon). The
 * GitSyncs poll once an hour: a commit applied within seconds was fetched because of the webhook.
 */
@QuarkusTest
@QuarkusTestResource(MockApiServer.class)
class WebhookReceiverTest {

    @RegisterExtension
    static final GitDaemonExtension gitDaemon = new GitDaemonExtension();

    private static final String NAMESPACE = "webhooks";
    private static final String SECRET = "shared-webhook-secret";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @Inject
    KubernetesClient client;

    @Test
    void aGitHubPushWithAGoodSignatureFetchesAtOnceAndABadOneIs401AndCounted() {
        String name = "gh-" + SEQUENCE.incrementAndGet();
        try (RepositoryWriter writer = RepositoryWriter.pushingTo(gitDaemon.createBareRepository(name))) {
            String first = writer.commit(Map.of("a.yaml", configMap(name, "1")), "first");
            create(name, WebhookSpec.Provider.GitHub);
            awaitApplied(name, first);
            String second = writer.commit(Map.of("a.yaml", configMap(name, "2")), "second");
            byte[] body = "{\"ref\":\"refs/heads/main\"}".getBytes(StandardCharsets.UTF_8);
            double refusedBefore = counter("GitHub", "unauthorized");

            given().header("X-GitHub-Event", "push")
                    .header(WebhookSignatures.GITHUB_HEADER, WebhookSignatures.sign("wrong".getBytes(), body))
                    .body(body).post(WebhookReceiver.PATH + "/" + NAMESPACE + "/" + name).then().statusCode(401);
            assertThat(counter("GitHub", "unauthorized")).isEqualTo(refusedBefore + 1);
            assertThat(get(name).getStatus().getLastAppliedCommit()).as("a refused push fetches nothing")
                    .isEqualTo(first);

            given().header("X-GitHub-Event", "push")
                    .header(WebhookSignatures.GITHUB_HEADER, WebhookSignatures.sign(SECRET.getBytes(), body))
                    .body(body).post(WebhookReceiver.PATH + "/" + NAMESPACE + "/" + name).then().statusCode(202);
            awaitApplied(name, second);
        }
    }

    @Test
    void gitLabChecksTheTokenAndTheGenericReceiverTheHmac() {
        String gitlab = "gl-" + SEQUENCE.incrementAndGet();
        String generic = "gen-" + SEQUENCE.incrementAndGet();
        try (RepositoryWriter gl = RepositoryWriter.pushingTo(gitDaemon.createBareRepository(gitlab));
                RepositoryWriter gen = RepositoryWriter.pushingTo(gitDaemon.createBareRepository(generic))) {
            String glFirst = gl.commit(Map.of("a.yaml", configMap(gitlab, "1")), "1");
            String genFirst = gen.commit(Map.of("a.yaml", configMap(generic, "1")), "1");
            awaitApplied(create(gitlab, WebhookSpec.Provider.GitLab), glFirst);
            awaitApplied(create(generic, WebhookSpec.Provider.Generic), genFirst);
            String glNext = gl.commit(Map.of("a.yaml", configMap(gitlab, "2")), "2");
            String genNext = gen.commit(Map.of("a.yaml", configMap(generic, "2")), "2");
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);

            given().header(WebhookSignatures.GITLAB_HEADER, "not-it").body(body)
                    .post(WebhookReceiver.PATH + "/" + NAMESPACE + "/" + gitlab).then().statusCode(401);
            given().header(WebhookSignatures.GITLAB_HEADER, SECRET).body(body)
                    .post(WebhookReceiver.PATH + "/" + NAMESPACE + "/" + gitlab).then().statusCode(202);
            given().header(WebhookSignatures.GENERIC_HEADER, WebhookSignatures.sign(SECRET.getBytes(), body))
                    .body(body).post(WebhookReceiver.PATH + "/" + NAMESPACE + "/" + generic).then().statusCode(202);

            awaitApplied(gitlab, glNext);
            awaitApplied(generic, genNext);
        }
    }

    @Test
    void aBodyOverTheLimitIs413AndAFloodIsRateLimited() {
        String name = "flood-" + SEQUENCE.incrementAndGet();
        create(name, WebhookSpec.Provider.GitHub);
        String url = WebhookReceiver.PATH + "/" + NAMESPACE + "/" + name;

        given().body(new byte[1024 * 1024 + 1]).post(url).then().statusCode(413);

        int limited = 0;
        for (int i = 0; i < 60; i++) {
            if (given().body("{}").post(url).statusCode() == 429) {
                limited++;
            }
        }
        assertThat(limited).isPositive();
        given().body("{}").post(WebhookReceiver.PATH + "/" + NAMESPACE + "/no-such-gitsync").then().statusCode(404);
    }

    private String create(String name, WebhookSpec.Provider provider) {
        client.resource(new SecretBuilder().withNewMetadata().withName(name + "-hook").withNamespace(NAMESPACE)
                .endMetadata().addToData("token", Base64.getEncoder().encodeToString(SECRET.getBytes())).build())
                .create();
        GitSync gitSync = new GitSync();
        gitSync.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
        GitSyncSpec spec = new GitSyncSpec();
        GitRepositorySpec repository = new GitRepositorySpec();
        repository.setUrl(gitDaemon.uri(name).toString());
        repository.setRef(GitRef.branch("main"));
        repository.setInterval("1h");
        spec.setRepository(repository);
        WebhookSpec webhook = new WebhookSpec();
        webhook.setProvider(provider);
        webhook.setSecretRef(new SecretRef(name + "-hook"));
        spec.setWebhook(webhook);
        gitSync.setSpec(spec);
        client.resource(gitSync).create();
        return name;
    }

    private void awaitApplied(String name, String commit) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            GitSync gitSync = get(name);
            assertThat(gitSync.getStatus()).isNotNull();
            assertThat(gitSync.getStatus().getLastAppliedCommit()).isEqualTo(commit);
            assertThat(Conditions.isTrue(gitSync.getStatus().getConditions(), GitSyncConditions.READY)).isTrue();
        });
    }

    private GitSync get(String name) {
        return client.resources(GitSync.class).inNamespace(NAMESPACE).withName(name).get();
    }

    private static double counter(String provider, String result) {
        String metrics = given().get("/q/metrics").asString();
        Matcher m = Pattern.compile("veer_gitsync_webhook_requests_total\\{provider=\"" + provider + "\",result=\""
                + result + "\"} ([0-9.eE+-]+)").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    static String configMap(String name, String value) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n  value: \"" + value + "\"\n";
    }

}
