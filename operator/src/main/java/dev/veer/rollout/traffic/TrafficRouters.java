package dev.veer.rollout.traffic;

import dev.veer.api.ServiceRollout;
import dev.veer.api.TrafficRouting;
import dev.veer.common.ResourceWriter;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Picks the {@link TrafficRouter} of a rollout from {@code spec.strategy.canary.trafficRouting}: gatewayAPI, nginx or
 * istio, and the Service selector router when none is set (also for blue-green, whose switch is a selector change).
 */
public final class TrafficRouters {

    private final TrafficRouter serviceSelector;
    private final TrafficRouter gatewayApi;
    private final TrafficRouter nginx;
    private final TrafficRouter istio;

    public TrafficRouters(KubernetesClient client, ResourceWriter writer) {
        this.serviceSelector = new ServiceSelectorRouter(client, writer);
        this.gatewayApi = new GatewayApiRouter(client, writer);
        this.nginx = new NginxRouter(client, writer);
        this.istio = new IstioRouter(client, writer);
    }

    /** The router for the rollout's traffic routing. */
    public TrafficRouter forRollout(ServiceRollout rollout) {
        TrafficRouting routing = RouteTarget.trafficRouting(rollout);
        if (routing.getGatewayAPI() != null) {
            return gatewayApi;
        }
        if (routing.getNginx() != null) {
            return nginx;
        }
        if (routing.getIstio() != null) {
            return istio;
        }
        return serviceSelector;
    }
}
