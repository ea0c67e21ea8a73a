package dev.veer.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * An HTTP server that records every request the client sends and answers just enough to let it go on: a GET with the
 * object given for its path (else 404), any write with its own body as JSON. For tests that assert the exact requests
 * Veer would send to a real API server (fabric8's mock server in CRUD mode cannot serve server-side apply).
 */
public final class RecordingApiServer implements AutoCloseable {

    /** One request as sent: method, path with query, content type and body. */
    public record Request(String method, String path, String contentType, String body) {

        /** The body parsed (JSON or YAML). */
        public JsonNode json() {
            return SERIALIZATION.unmarshal(body, JsonNode.class);
        }
    }

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final MockWebServer server = new MockWebServer();
    private final Map<String, String> objects = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final KubernetesClient client;

    public RecordingApiServer() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return answer(request);
            }
        });
        server.start(InetAddress.getLoopbackAddress(), 0);
        Config config = new ConfigBuilder().withMasterUrl("http://" + server.getHostName() + ":" + server.getPort())
                .withNamespace("shop").withRequestRetryBackoffLimit(0).build();
        client = new KubernetesClientBuilder().withConfig(config).build();
    }

    /** Serves {@code object} (serialized by the client) to GETs of {@code path}. */
    public void serve(String path, Object object) {
        objects.put(path, client.getKubernetesSerialization().asJson(object));
    }

    public KubernetesClient client() {
        return client;
    }

    /** Every request but the reads. */
    public List<Request> writes() {
        return requests.stream().filter(r -> !"GET".equals(r.method())).toList();
    }

    private MockResponse answer(RecordedRequest request) {
        String contentType = request.getHeader("Content-Type");
        String body = request.getBody() == null ? "" : request.getUtf8Body();
        requests.add(new Request(request.getMethod(), request.getPath(), contentType, body));
        if ("GET".equals(request.getMethod())) {
            String path = request.getPath().split("\\?")[0];
            String object = objects.get(path);
            return object == null ? new MockResponse().setResponseCode(404).setBody(
                    "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404}")
                    : new MockResponse().setResponseCode(200).setBody(object);
        }
        try {
            return new MockResponse().setResponseCode(200)
                    .setBody(JSON.writeValueAsString(SERIALIZATION.unmarshal(body, JsonNode.class)));
        } catch (IOException | RuntimeException e) {
            return new MockResponse().setResponseCode(400).setBody(String.valueOf(e.getMessage()));
        }
    }

    @Override
    public void close() {
        client.close();
        server.shutdown();
    }
}
