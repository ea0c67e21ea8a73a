package dev.veer.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

@ValidationRule(value = "has(self.canary) != has(self.blueGreen)",
        message = "strategy must set exactly one of canary or blueGreen")
public class StrategySpec {

    @JsonPropertyDescription("Move traffic to the new version step by step, by weight, with pauses and header routes.")
    private CanaryStrategy canary;

    @JsonPropertyDescription("Run the new version beside the old one behind a preview Service and switch all traffic "
            + "at once on promotion.")
    private BlueGreenStrategy blueGreen;

    public CanaryStrategy getCanary() {
        return canary;
    }

    public void setCanary(CanaryStrategy canary) {
        this.canary = canary;
    }

    public BlueGreenStrategy getBlueGreen() {
        return blueGreen;
    }

    public void setBlueGreen(BlueGreenStrategy blueGreen) {
        this.blueGreen = blueGreen;
    }
}
