package dev.veer.rollout.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.veer.api.ServicePortSpec;
import dev.veer.api.ServiceRollout;
import dev.veer.api.Slot;
import dev.veer.common.Labels;
import dev.veer.common.OwnerReferences;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

/**
 * Builds the Kubernetes objects a rollout owns, from the rollout alone: no I/O. Tested with golden files.
 */
public final class RolloutObjects {

    private static final IntOrString DEFAULT_MAX_SURGE = new IntOrString("25%");
    private static final IntOrString DEFAULT_MAX_UNAVAILABLE = new IntOrString(0);

    private RolloutObjects() {
    }

    /** The Deployment of a slot running {@code template} (whose hash is {@code templateHash}). */
    public static Deployment deployment(ServiceRollout rollout, Slot slot, PodTemplateSpec template,
            String templateHash, int replicas) {
        Map<String, String> selector = slotSelector(rollout, slot);
        PodTemplateSpec podTemplate = new PodTemplateSpecBuilder(template)
                .editOrNewMetadata()
                .addToLabels(selector)
                .addToAnnotations(Labels.TEMPLATE_HASH, templateHash)
                .endMetadata()
                .build();
        var canary = Optional.ofNullable(rollout.getSpec().getStrategy().getCanary());
        return new DeploymentBuilder()
                .withMetadata(ownedMetadata(rollout, RolloutNames.slot(rollout, slot), selector))
                .editMetadata().addToAnnotations(Labels.TEMPLATE_HASH, templateHash).endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withNewSelector().withMatchLabels(selector).endSelector()
                .withTemplate(podTemplate)
                .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
                .withMaxSurge(canary.map(c -> c.getMaxSurge()).orElse(DEFAULT_MAX_SURGE))
                .withMaxUnavailable(canary.map(c -> c.getMaxUnavailable()).orElse(DEFAULT_MAX_UNAVAILABLE))
                .endRollingUpdate().endStrategy()
                .endSpec()
                .build();
    }

    /** The Service that reaches exactly one slot's pods; routers send traffic to these. */
    public static Service slotService(ServiceRollout rollout, Slot slot) {
        return service(rollout, RolloutNames.slot(rollout, slot), slotSelector(rollout, slot));
    }

    /**
     * The stable Service with the given selector: a slot's selector, or {@link #rolloutSelector} for both slots
     * (replica-ratio traffic split).
     */
    public static Service stableService(ServiceRollout rollout, Map<String, String> selector) {
        return service(rollout, RolloutNames.stableService(rollout), selector);
    }

    /** The blue-green preview Service, pointing at {@code slot}. */
    public static Service previewService(ServiceRollout rollout, Slot slot) {
        return service(rollout, rollout.getSpec().getStrategy().getBlueGreen().getPreviewService(),
                slotSelector(rollout, slot));
    }

    /** Labels that select one slot's pods. */
    public static Map<String, String> slotSelector(ServiceRollout rollout, Slot slot) {
        return Map.of(Labels.ROLLOUT, rollout.getMetadata().getName(), Labels.SLOT, slot.label());
    }

    /** Labels that select the pods of both slots. */
    public static Map<String, String> rolloutSelector(ServiceRollout rollout) {
        return Map.of(Labels.ROLLOUT, rollout.getMetadata().getName());
    }

    /** The label selector of all the rollout's pods in string form, for the scale subresource. */
    public static String selectorString(ServiceRollout rollout) {
        return Labels.ROLLOUT + "=" + rollout.getMetadata().getName();
    }

    private static Service service(ServiceRollout rollout, String name, Map<String, String> selector) {
        Map<String, String> labels = new HashMap<>(Labels.rollout(rollout.getMetadata().getName()));
        return new ServiceBuilder()
                .withMetadata(ownedMetadata(rollout, name, labels))
                .withNewSpec()
                .withSelector(selector)
                .withPorts(ports(rollout.getSpec().getService().getPorts()))
                .endSpec()
                .build();
    }

    private static List<ServicePort> ports(List<ServicePortSpec> ports) {
        return ports.stream().map(p -> new ServicePortBuilder()
                .withName(p.getName())
                .withPort(p.getPort())
                .withTargetPort(p.getTargetPort() != null ? p.getTargetPort() : new IntOrString(p.getPort()))
                .withProtocol(p.getProtocol() != null ? p.getProtocol() : "TCP")
                .build()).toList();
    }

    private static ObjectMeta ownedMetadata(ServiceRollout rollout, String name, Map<String, String> labels) {
        Map<String, String> all = new HashMap<>(Labels.rollout(rollout.getMetadata().getName()));
        all.putAll(labels);
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(rollout.getMetadata().getNamespace())
                .withLabels(all)
                .withOwnerReferences(OwnerReferences.controller(rollout))
                .build();
    }
}
