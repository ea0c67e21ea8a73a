package dev.veer.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

@ValidationRule(value = "[has(self.gatewayAPI), has(self.nginx), has(self.istio)].filter(x, x).size() <= 1",
        message = "trafficRouting may set at most one of gatewayAPI, nginx or istio")
public class TrafficRouting {

    @JsonPropertyDescription("Shift traffic with the backendRef weights of a Gateway API HTTPRoute.")
    private GatewayApiRouting gatewayAPI;

    @JsonPropertyDescription("Shift traffic with a canary Ingress (NGINX Ingress canary annotations) derived from the "
            + "user's Ingress.")
    private NginxRouting nginx;

    @JsonPropertyDescription("Shift traffic with the route weights of an Istio VirtualService.")
    private IstioRouting istio;

    public GatewayApiRouting getGatewayAPI() {
        return gatewayAPI;
    }

    public void setGatewayAPI(GatewayApiRouting gatewayAPI) {
        this.gatewayAPI = gatewayAPI;
    }

    public NginxRouting getNginx() {
        return nginx;
    }

    public void setNginx(NginxRouting nginx) {
        this.nginx = nginx;
    }

    public IstioRouting getIstio() {
        return istio;
    }

    public void setIstio(IstioRouting istio) {
        this.istio = istio;
    }
}
