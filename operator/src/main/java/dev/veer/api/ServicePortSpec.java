package dev.veer.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.IntOrString;

public class ServicePortSpec {

    @JsonPropertyDescription("Name of the port, required when there is more than one.")
    private String name;

    @Required
    @Min(1)
    @Max(65535)
    @JsonPropertyDescription("Port the Service listens on.")
    private Integer port;

    @JsonPropertyDescription("Container port (number or name) traffic goes to. Defaults to port.")
    private IntOrString targetPort;

    @JsonPropertyDescription("TCP, UDP or SCTP. Defaults to TCP.")
    private String protocol;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public IntOrString getTargetPort() {
        return targetPort;
    }

    public void setTargetPort(IntOrString targetPort) {
        this.targetPort = targetPort;
    }

    public String getProtocol() {
        return protocol;
    }

    public void setProtocol(String protocol) {
        this.protocol = protocol;
    }
}
