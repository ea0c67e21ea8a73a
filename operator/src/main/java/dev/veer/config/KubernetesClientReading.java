package dev.veer.config;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.veer.common.UnknownFields;
import io.quarkus.kubernetes.client.KubernetesClientObjectMapperCustomizer;

/**
 * The Kubernetes client's JSON mapper (the one every informer reads with) skips and reports fields Veer's model does
 * not know ({@link UnknownFields}), so one such object cannot stop an informer.
 */
@Singleton
public class KubernetesClientReading implements KubernetesClientObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        UnknownFields.reportAndSkip(mapper);
    }
}
