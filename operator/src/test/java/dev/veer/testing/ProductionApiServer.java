package dev.veer.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;

/**
 * fabric8's mock API server in CRUD mode (Leases work) with Veer's CRDs, for tests that start the production build
 * (leader election on). It answers the one request CRUD mode cannot: JOSDK's check at start that it may use Leases (a
 * SelfSubjectRulesReview), with the permission Veer's namespaced Role gives. Not evidence of what a real API server
 * does: the e2e suite is.
 */
public final class ProductionApiServer implements AutoCloseable {

    private final KubernetesMockServer server;
    private final KubernetesClient client;

    private ProductionApiServer(KubernetesMockServer server) {
        this.server = server;
        this.client = server.createClient();
    }

    public static ProductionApiServer start(Path crds) {
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations,
                new KubernetesMixedDispatcher(expectations), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
                .andReturn(201, new SelfSubjectRulesReviewBuilder().withNewStatus().withIncomplete(false)
                        .addNewResourceRule().withApiGroups("coordination.k8s.io").withResources("leases")
                        .withVerbs("get", "create", "update").endResourceRule().endStatus().build())
                .always();
        ProductionApiServer started = new ProductionApiServer(server);
        started.installCrds(crds);
        return started;
    }

    private void installCrds(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml")).toList()) {
                client.apiextensions().v1().customResourceDefinitions().resource(client.getKubernetesSerialization()
                        .unmarshal(Files.readString(file), CustomResourceDefinition.class)).create();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public KubernetesClient client() {
        return client;
    }

    /** The server's URL, for QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL. */
    public String url() {
        return client.getConfiguration().getMasterUrl();
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
