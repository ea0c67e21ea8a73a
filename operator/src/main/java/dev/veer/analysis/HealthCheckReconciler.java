package dev.veer.analysis;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.veer.api.HealthCheck;
import dev.veer.api.HealthCheckStatus;
import dev.veer.common.Conditions;
import dev.veer.common.ResourceWriter;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;

/**
 * Reports whether a HealthCheck can be used, when it is applied rather than when a rollout first needs it: the
 * {@code Ready} condition, or {@code InvalidSpec} naming each metric and field that is wrong.
 */
@ControllerConfiguration(name = "healthcheck", fieldManager = ResourceWriter.FIELD_MANAGER)
public class HealthCheckReconciler implements Reconciler<HealthCheck> {

    public static final String READY = "Ready";
    public static final String INVALID_SPEC = "InvalidSpec";

    private static final ObjectMapper MAPPER = JsonMapper.builder().findAndAddModules().build();

    private final ResourceWriter writer;
    private final Clock clock;

    public HealthCheckReconciler(ResourceWriter writer, Clock clock) {
        this.writer = writer;
        this.clock = clock;
    }

    @Override
    public UpdateControl<HealthCheck> reconcile(HealthCheck healthCheck, Context<HealthCheck> context) {
        List<String> problems = HealthCheckValidation.problems(healthCheck.getSpec());
        HealthCheckStatus status = healthCheck.getStatus() == null ? new HealthCheckStatus()
                : MAPPER.convertValue(healthCheck.getStatus(), HealthCheckStatus.class);
        if (status.getConditions() == null) {
            status.setConditions(new ArrayList<>());
        }
        Long generation = healthCheck.getMetadata().getGeneration();
        String message = String.join("; ", problems);
        status.setObservedGeneration(generation);
        Conditions.set(status.getConditions(), READY, problems.isEmpty(), problems.isEmpty() ? "Valid" : "InvalidSpec",
                problems.isEmpty() ? "every metric's query, conditions and durations are valid" : message, generation,
                clock.instant());
        Conditions.set(status.getConditions(), INVALID_SPEC, !problems.isEmpty(),
                problems.isEmpty() ? "Valid" : "InvalidMetric", message, generation, clock.instant());
        if (healthCheck.getStatus() == null
                || !MAPPER.valueToTree(healthCheck.getStatus()).equals(MAPPER.valueToTree(status))) {
            writer.applyStatus(healthCheck, status, context);
        }
        return UpdateControl.noUpdate();
    }
}
