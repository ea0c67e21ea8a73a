package dev.veer.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.veer.api.HealthCheck;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

class HealthCheckValidationTest {

    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    private static HealthCheck healthCheck(String query, String condition, String interval) {
        return YAML.unmarshal("""
                apiVersion: veer.dev/v1alpha1
                kind: HealthCheck
                metadata: {name: hc}
                spec:
                  args: [{name: service}]
                  metrics:
                    - name: errors
                      interval: "%s"
                      successCondition: "%s"
                      provider:
                        prometheus:
                          address: http://prometheus:9090
                          query: '%s'
                """.formatted(interval, condition, query), HealthCheck.class);
    }

    @Test
    void aValidHealthCheckHasNoProblems() {
        assertThat(HealthCheckValidation.problems(healthCheck("sum(rate(x{service=\"{{args.service}}\"}[1m]))",
                "result < 0.01", "30s").getSpec())).isEmpty();
    }

    @Test
    void aConditionThatDoesNotCompileIsNamedWithItsMetric() {
        assertThat(HealthCheckValidation.problems(healthCheck("up", "result <", "30s").getSpec()))
                .singleElement().asString().contains("errors").contains("successCondition");
    }

    @Test
    void anUndeclaredArgInTheQueryIsAProblem() {
        assertThat(HealthCheckValidation.problems(healthCheck("up{job=\"{{args.job}}\"}", "result == 1", "30s")
                .getSpec())).singleElement().asString().contains("args.job");
    }

    @Test
    void aMalformedIntervalIsAProblem() {
        assertThat(HealthCheckValidation.problems(healthCheck("up", "result == 1", "soon").getSpec()))
                .singleElement().asString().contains("soon");
    }

    @Test
    void aConditionIsCheckedWithTheValueOfTheArgItUses() {
        var spec = healthCheck("up", "result <= {{args.maxErrorRate}}", "30s").getSpec();
        var arg = new dev.veer.api.HealthCheckArg();
        arg.setName("maxErrorRate");
        arg.setValue("0.01");
        spec.setArgs(java.util.List.of(arg));

        assertThat(HealthCheckValidation.problems(spec)).isEmpty();
    }

    @Test
    void aConditionUsingAnArgTheRolloutPassesIsCheckedWithAStandIn() {
        assertThat(HealthCheckValidation.problems(healthCheck("up", "result <= {{args.service}} || "
                + "'{{args.service}}' == 'x'", "30s").getSpec())).isEmpty();
    }

    @Test
    void aConditionUsingAnUndeclaredArgIsAProblem() {
        assertThat(HealthCheckValidation.problems(healthCheck("up", "result <= {{args.limit}}", "30s").getSpec()))
                .singleElement().asString().contains("successCondition").contains("args.limit");
    }

    @Test
    void aConditionStillBrokenAfterItsPlaceholdersAreFilledIsAProblem() {
        assertThat(HealthCheckValidation.problems(healthCheck("up", "result <= {{args.service}} +", "30s")
                .getSpec())).singleElement().asString().contains("successCondition");
    }
}
