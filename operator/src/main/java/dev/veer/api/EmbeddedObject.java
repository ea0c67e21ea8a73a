package dev.veer.api;

/**
 * Schema stand-in for embedded Kubernetes objects (pod templates): an open object. Inlining the full PodTemplateSpec
 * schema would make the CRD several hundred kilobytes, past the size that client-side {@code kubectl apply} can store
 * in its last-applied annotation. The API server still validates the pods Veer creates from the template.
 */
public final class EmbeddedObject {
    private EmbeddedObject() {
    }
}
