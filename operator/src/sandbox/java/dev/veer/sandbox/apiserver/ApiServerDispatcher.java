package dev.veer.sandbox.apiserver;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.zjsonpatch.JsonPatch;
import jakarta.json.Json;
import jakarta.json.JsonReader;

/**
 * fabric8's CRUD dispatcher with what kubectl and a correct client need from an API server, in front of it:
 * discovery and {@code /version} ({@link Discovery}), OpenAPI v3 ({@link OpenApiV3}), server-side printing of custom
 * resources ({@link Tables}), and, when admission is on, the schema's pruning, defaults and validation for every write
 * of a custom resource ({@link Admission}). A patch of a custom resource is applied here, with Jakarta JSON-P's RFC
 * 7386 merge patch (lists are replaced) or zjsonpatch's RFC 6902 JSON patch, admitted, and stored as an update;
 * strategic merge patch is refused with 415, as a real server refuses it for custom resources. Status and scale
 * subresources and built-in kinds go to fabric8's dispatcher unchanged.
 */
public final class ApiServerDispatcher extends KubernetesCrudDispatcher {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApiResources resources = new ApiResources();
    private final Discovery discovery = new Discovery(resources);
    private final OpenApiV3 openApi = new OpenApiV3(resources);
    private final boolean admission;
    private final Clock clock;

    /** @param admission whether writes of custom resources are pruned, defaulted and validated */
    public ApiServerDispatcher(boolean admission, Clock clock) {
        super(List.of());
        this.admission = admission;
        this.clock = clock;
    }

    /** Serves a CRD's resources in discovery, OpenAPI and admission. */
    public void addCrd(JsonNode crd) {
        resources.addCrd(crd);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getPath();
        HttpMethod method = request.method();
        if (method == HttpMethod.GET) {
            Optional<String> document = discovery.document(path).or(() -> openApi.document(path));
            if (document.isPresent()) {
                return json(200, document.get());
            }
        }
        if (method == HttpMethod.GET && path.contains("watch=true") && !isWebSocket(request)) {
            return streamedWatch(path);
        }
        Optional<ApiResources.Resource> resource = resources.forPath(path).filter(r -> r.crdVersion().isPresent());
        if (resource.isEmpty() || isSubresource(path, resource.get())) {
            return super.dispatch(request);
        }
        return switch (method) {
            case GET -> Tables.wanted(request.getHeader("Accept")) && !path.contains("watch=true")
                    ? table(resource.get(), super.dispatch(request))
                    : super.dispatch(request);
            case POST, PUT -> admission ? write(request, resource.get(), request.getUtf8Body()) : super.dispatch(
                    request);
            case PATCH -> admission ? patch(request, resource.get()) : super.dispatch(request);
            default -> super.dispatch(request);
        };
    }

    private MockResponse patch(RecordedRequest request, ApiResources.Resource resource) {
        String type = Optional.ofNullable(request.getHeader("Content-Type")).orElse("");
        if (!type.contains("merge-patch") && !type.contains("json-patch")) {
            return super.dispatch(request); // server-side apply and strategic merge: as fabric8 answers them
        }
        MockResponse current = handleGet(request.getPath().split("\\?")[0]);
        if (current.code() != 200) {
            return current;
        }
        String stored = current.getBody().readUtf8();
        String patched;
        try {
            if (type.contains("merge-patch")) {
                try (JsonReader target = Json.createReader(new StringReader(stored));
                        JsonReader patch = Json.createReader(new StringReader(request.getUtf8Body()))) {
                    patched = Json.createMergePatch(patch.readValue()).apply(target.readValue()).toString();
                }
            } else {
                patched = JsonPatch.apply(JSON.readTree(request.getUtf8Body()), JSON.readTree(stored)).toString();
            }
        } catch (RuntimeException | JsonProcessingException e) {
            return json(422, badRequest(422, "Invalid", "the patch cannot be applied: " + e.getMessage()));
        }
        RecordedRequest update = new RecordedRequest(request.getHttpVersion(), HttpMethod.PUT, request.getPath(),
                request.getHeaders(), new Buffer(patched.getBytes(StandardCharsets.UTF_8)));
        return write(update, resource, patched);
    }

    private MockResponse write(RecordedRequest request, ApiResources.Resource resource, String body) {
        ObjectNode object;
        try {
            object = (ObjectNode) JSON.readTree(body);
        } catch (JsonProcessingException | ClassCastException e) {
            return json(400, badRequest(400, "BadRequest", "the body is not a JSON object: " + e.getMessage()));
        }
        boolean strict = request.getPath().contains("fieldValidation=Strict");
        Admission.Result result = Admission.admit(resource, object, strict);
        if (result instanceof Admission.Refused refused) {
            return json(refused.code(), refused.status());
        }
        Admission.Admitted admitted = (Admission.Admitted) result;
        RecordedRequest stored = new RecordedRequest(request.getHttpVersion(), request.method(), request.getPath(),
                request.getHeaders(), new Buffer(admitted.object().toString().getBytes(StandardCharsets.UTF_8)));
        MockResponse response = super.dispatch(stored);
        admitted.warnings().forEach(w -> response.addHeader("Warning", "299 - \"" + w.replace("\"", "\\\"") + "\""));
        return response;
    }

    /**
     * A watch as kubectl makes it (a streamed HTTP response, where fabric8 answers only WebSocket watches): the
     * objects that match, each as an ADDED event, after a second; then the stream ends and the client watches again.
     * Enough for {@code kubectl wait} and {@code kubectl get -w}; not a replay of changes.
     */
    private MockResponse streamedWatch(String path) {
        String list = path.replaceAll("([?&])watch=true&?", "$1").replaceAll("([?&])resourceVersion=[^&]*&?", "$1");
        MockResponse current = handleGet(list);
        StringBuilder events = new StringBuilder();
        if (current.code() == 200) {
            try {
                JsonNode body = JSON.readTree(current.getBody().readUtf8());
                for (JsonNode item : body.has("items") ? body.get("items") : JSON.createArrayNode().add(body)) {
                    ObjectNode event = JSON.createObjectNode().put("type", "ADDED");
                    event.set("object", item);
                    events.append(event.toString()).append('\n');
                }
            } catch (JsonProcessingException e) {
                return current;
            }
        }
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                .setBodyDelay(Duration.ofSeconds(1)).setBody(events.toString());
    }

    private static boolean isWebSocket(RecordedRequest request) {
        return "websocket".equalsIgnoreCase(request.getHeader("Upgrade"));
    }

    private MockResponse table(ApiResources.Resource resource, MockResponse response) {
        if (response.code() != 200) {
            return response;
        }
        try {
            JsonNode body = JSON.readTree(response.getBody().readUtf8());
            return json(200, Tables.render(resource.crdVersion().orElseThrow(), body, clock.instant()));
        } catch (JsonProcessingException e) {
            return json(500, badRequest(500, "InternalError", e.getMessage()));
        }
    }

    /** {@code .../servicerollouts/NAME/status} or {@code .../scale}. */
    private static boolean isSubresource(String path, ApiResources.Resource resource) {
        String[] parts = path.split("\\?")[0].split("/");
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].equals(resource.plural())) {
                return parts.length > i + 2;
            }
        }
        return false;
    }

    private static String badRequest(int code, String reason, String message) {
        return JSON.createObjectNode().put("kind", "Status").put("apiVersion", "v1").put("status", "Failure")
                .put("message", message).put("reason", reason).put("code", code).toString();
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
                .setBody(body);
    }
}
