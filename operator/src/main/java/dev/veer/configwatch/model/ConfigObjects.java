package dev.veer.configwatch.model;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

import dev.veer.api.ConfigWatch;
import dev.veer.api.TargetKind;
import dev.veer.common.Labels;
import dev.veer.common.OwnerReferences;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

/**
 * Builds the objects a ConfigWatch owns, without I/O: the immutable versioned object {@code <target>-<hash>} and the
 * stable-named {@code <target>} with the same content. A ConfigMap keeps UTF-8 values in {@code data} and any other
 * bytes in {@code binaryData}; a Secret (type Opaque) keeps everything in {@code data}.
 */
public final class ConfigObjects {

    private ConfigObjects() {
    }

    /**
     * What Veer applies to a consumer Deployment to roll it: the one pod-template annotation {@code key}, nothing
     * else of the user's Deployment.
     */
    public static Deployment consumerAnnotation(Deployment consumer, String key, String hash) {
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName(consumer.getMetadata().getName())
                .withNamespace(consumer.getMetadata().getNamespace())
                .endMetadata()
                .withNewSpec().withNewTemplate().withNewMetadata().addToAnnotations(key, hash).endMetadata()
                .endTemplate().endSpec()
                .build();
    }

    public static HasMetadata versioned(ConfigWatch watch, RenderedConfig config, int revision, long etcdRevision) {
        Map<String, String> labels = labels(watch);
        labels.put(ConfigNames.REVISION, String.valueOf(revision));
        return build(watch, metadata(watch, ConfigNames.versioned(watch, config.hash()), labels, config, etcdRevision),
                config, true);
    }

    public static HasMetadata stable(ConfigWatch watch, RenderedConfig config, long etcdRevision) {
        return build(watch, metadata(watch, ConfigNames.stable(watch), labels(watch), config, etcdRevision), config,
                false);
    }

    /**
     * The stable-named object holding the content of a versioned one again (a return to the last good version):
     * same data, same content-hash and etcd-revision annotations.
     */
    public static HasMetadata restoredStable(ConfigWatch watch, HasMetadata versioned) {
        Map<String, String> annotations = versioned.getMetadata().getAnnotations() == null ? Map.of()
                : versioned.getMetadata().getAnnotations();
        ObjectMeta metadata = new ObjectMetaBuilder()
                .withName(ConfigNames.stable(watch))
                .withNamespace(watch.getMetadata().getNamespace())
                .withLabels(labels(watch))
                .withAnnotations(Map.of(ConfigNames.CONTENT_HASH, annotations.getOrDefault(ConfigNames.CONTENT_HASH, ""),
                        ConfigNames.ETCD_REVISION, annotations.getOrDefault(ConfigNames.ETCD_REVISION, "")))
                .withOwnerReferences(OwnerReferences.controller(watch))
                .build();
        if (versioned instanceof Secret secret) {
            return new SecretBuilder().withMetadata(metadata).withType("Opaque").withData(secret.getData()).build();
        }
        ConfigMap map = (ConfigMap) versioned;
        return new ConfigMapBuilder().withMetadata(metadata).withData(map.getData())
                .withBinaryData(map.getBinaryData() == null || map.getBinaryData().isEmpty() ? null
                        : map.getBinaryData())
                .build();
    }

    /**
     * What a Snapshot records of a content: for a ConfigMap target the data (a value that is not UTF-8
     * base64-encoded); for a Secret target only the keys, with empty values, so that no secret value is ever
     * written into a Snapshot.
     */
    public static Map<String, String> snapshotData(ConfigWatch watch, RenderedConfig config) {
        Map<String, String> data = new TreeMap<>();
        boolean secret = watch.getSpec().getTarget().getKind() == TargetKind.Secret;
        config.data().forEach((key, value) -> {
            if (secret) {
                data.put(key, "");
            } else {
                String utf8 = utf8(value);
                data.put(key, utf8 != null ? utf8 : Base64.getEncoder().encodeToString(value));
            }
        });
        return data;
    }

    private static HasMetadata build(ConfigWatch watch, ObjectMeta metadata, RenderedConfig config,
            boolean immutable) {
        if (watch.getSpec().getTarget().getKind() == TargetKind.Secret) {
            Map<String, String> data = new TreeMap<>();
            config.data().forEach((key, value) -> data.put(key, Base64.getEncoder().encodeToString(value)));
            return new SecretBuilder().withMetadata(metadata).withType("Opaque").withData(data)
                    .withImmutable(immutable ? true : null).build();
        }
        Map<String, String> text = new TreeMap<>();
        Map<String, String> binary = new TreeMap<>();
        config.data().forEach((key, value) -> {
            String utf8 = utf8(value);
            if (utf8 != null) {
                text.put(key, utf8);
            } else {
                binary.put(key, Base64.getEncoder().encodeToString(value));
            }
        });
        return new ConfigMapBuilder().withMetadata(metadata).withData(text)
                .withBinaryData(binary.isEmpty() ? null : binary).withImmutable(immutable ? true : null).build();
    }

    private static ObjectMeta metadata(ConfigWatch watch, String name, Map<String, String> labels,
            RenderedConfig config, long etcdRevision) {
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(watch.getMetadata().getNamespace())
                .withLabels(labels)
                .withAnnotations(Map.of(ConfigNames.CONTENT_HASH, config.hash(),
                        ConfigNames.ETCD_REVISION, String.valueOf(etcdRevision)))
                .withOwnerReferences(OwnerReferences.controller(watch))
                .build();
    }

    private static Map<String, String> labels(ConfigWatch watch) {
        Map<String, String> labels = new TreeMap<>();
        labels.put(ConfigNames.CONFIGWATCH, watch.getMetadata().getName());
        labels.put(Labels.MANAGED_BY, Labels.MANAGER);
        return labels;
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
