package dev.veer.rollout.plan;

import java.util.ArrayList;
import java.util.List;

import dev.veer.api.AnalysisSpec;
import dev.veer.api.BlueGreenStrategy;
import dev.veer.api.BuiltinTemplate;
import dev.veer.api.CanaryStep;
import dev.veer.api.CanaryStrategy;
import dev.veer.api.HeaderMatch;
import dev.veer.api.HeaderRouteStep;
import dev.veer.api.PauseStep;
import dev.veer.api.ServicePortSpec;
import dev.veer.api.ServiceRollout;
import dev.veer.api.ServiceRolloutSpec;
import dev.veer.api.ServiceSpec;
import dev.veer.api.StrategySpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;

/** ServiceRollouts for planner tests, built the way the API server would default them. */
final class Rollouts {

    private Rollouts() {
    }

    static ServiceRollout canary(int replicas, CanaryStep... steps) {
        CanaryStrategy canary = new CanaryStrategy();
        canary.setSteps(new ArrayList<>(List.of(steps)));
        canary.setScaleDownDelaySeconds(30);
        StrategySpec strategy = new StrategySpec();
        strategy.setCanary(canary);
        return rollout(replicas, strategy);
    }

    static ServiceRollout blueGreen(int replicas, boolean autoPromotion, Integer autoPromotionSeconds) {
        BlueGreenStrategy blueGreen = new BlueGreenStrategy();
        blueGreen.setPreviewService("shop-preview");
        blueGreen.setAutoPromotionEnabled(autoPromotion);
        blueGreen.setAutoPromotionSeconds(autoPromotionSeconds);
        blueGreen.setScaleDownDelaySeconds(30);
        StrategySpec strategy = new StrategySpec();
        strategy.setBlueGreen(blueGreen);
        return rollout(replicas, strategy);
    }

    private static ServiceRollout rollout(int replicas, StrategySpec strategy) {
        ServiceRollout rollout = new ServiceRollout();
        rollout.setMetadata(new ObjectMetaBuilder().withName("shop").withNamespace("prod").withGeneration(1L)
                .withUid("0b1c2d3e-0000-4000-8000-000000000001").build());
        ServiceRolloutSpec spec = new ServiceRolloutSpec();
        spec.setReplicas(replicas);
        spec.setTemplate(template("shop:1.0"));
        ServicePortSpec port = new ServicePortSpec();
        port.setPort(80);
        ServiceSpec service = new ServiceSpec();
        service.setPorts(List.of(port));
        spec.setService(service);
        spec.setStrategy(strategy);
        spec.setProgressDeadlineSeconds(600);
        spec.setPaused(false);
        spec.setRevisionHistoryLimit(10);
        rollout.setSpec(spec);
        return rollout;
    }

    static PodTemplateSpec template(String image) {
        return new PodTemplateSpecBuilder().withNewMetadata().addToLabels("app", "shop").endMetadata()
                .withNewSpec().addNewContainer().withName("shop").withImage(image).endContainer().endSpec().build();
    }

    static CanaryStep weight(int weight) {
        CanaryStep step = new CanaryStep();
        step.setSetWeight(weight);
        return step;
    }

    static CanaryStep pause(String duration) {
        CanaryStep step = new CanaryStep();
        PauseStep pause = new PauseStep();
        pause.setDuration(duration);
        step.setPause(pause);
        return step;
    }

    static CanaryStep pauseUntilPromoted() {
        return pause(null);
    }

    static CanaryStep headerRoute(String name, String exact) {
        HeaderMatch match = new HeaderMatch();
        match.setName(name);
        match.setExact(exact);
        HeaderRouteStep route = new HeaderRouteStep();
        route.setMatch(List.of(match));
        CanaryStep step = new CanaryStep();
        step.setSetHeaderRoute(route);
        return step;
    }

    /** An analysis block; the planner never looks inside it (the reconciler measures it). */
    static AnalysisSpec analysis() {
        AnalysisSpec analysis = new AnalysisSpec();
        analysis.setBuiltin(List.of(BuiltinTemplate.ERROR_RATE));
        return analysis;
    }

    static CanaryStep analysisStep() {
        CanaryStep step = new CanaryStep();
        step.setAnalysis(analysis());
        return step;
    }
}
