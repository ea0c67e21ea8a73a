package dev.veer.common;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * How the Kubernetes client reads a field that Veer's model does not know: it skips the field and logs a warning naming
 * the object and the field, instead of failing. A failure there would stop the informer of the whole kind (fabric8
 * stops a watch whose event cannot be read, and a list with one unreadable item cannot be read at all), so one stray
 * object would stop every rollout. A real API server prunes or refuses unknown fields (the CRD is structural); this
 * covers objects stored by a server that does not (the mock API server) or written against a newer CRD.
 */
public final class UnknownFields extends DeserializationProblemHandler {

    private static final Logger LOG = Logger.getLogger(UnknownFields.class);

    /** What was reported, per object, generation and field: each once, not on every watch event. */
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    private UnknownFields() {
    }

    /** Makes {@code mapper} skip and report unknown fields. */
    public static ObjectMapper reportAndSkip(ObjectMapper mapper) {
        return mapper.addHandler(new UnknownFields());
    }

    @Override
    public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
            JsonDeserializer<?> deserializer, Object beanOrClass, String propertyName) throws IOException {
        Deque<String> path = new ArrayDeque<>();
        HasMetadata object = null;
        JsonStreamContext start = parser.getParsingContext();
        if (parser.currentToken() == JsonToken.START_ARRAY || parser.currentToken() == JsonToken.START_OBJECT) {
            start = start.getParent(); // the parser already entered the unknown field's value
        }
        for (JsonStreamContext at = start; at != null && !at.inRoot(); at = at.getParent()) {
            if (at.inArray()) {
                path.push("[" + at.getCurrentIndex() + "]");
            } else if (at.getCurrentName() != null) {
                path.push("." + at.getCurrentName());
            }
            if (at.getCurrentValue() instanceof HasMetadata resource) {
                object = resource;
                break;
            }
        }
        String field = String.join("", path).replaceFirst("^\\.", "");
        String described = describe(object, beanOrClass);
        if (reported.add(described + "@" + generation(object) + ": " + field)) {
            if (reported.size() > 10_000) {
                reported.clear();
            }
            LOG.warnf("%s: unknown field %s ignored (Veer's model has no such field; the CRD's schema prunes or "
                    + "refuses it on a real API server)", described, field);
        }
        parser.skipChildren();
        return true;
    }

    private static Long generation(HasMetadata object) {
        return object == null || object.getMetadata() == null ? null : object.getMetadata().getGeneration();
    }

    private static String describe(HasMetadata object, Object beanOrClass) {
        if (object == null || object.getMetadata() == null) {
            return beanOrClass instanceof Class<?> type ? type.getSimpleName() : beanOrClass.getClass().getSimpleName();
        }
        return object.getKind() + " " + object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
    }
}
