package dev.veer.rollout.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.veer.api.ConfigFrom;
import dev.veer.api.ConfigWatch;
import dev.veer.api.ServiceRollout;
import dev.veer.common.ContentHash;
import dev.veer.rollout.plan.RolloutConditions;
import dev.veer.testing.Golden;

/**
 * spec.configFrom put into a rollout's pod template: the golden file shows a ConfigMap mounted in every container and a
 * Secret as envFrom; the hash follows the ConfigWatch's version; what cannot be resolved is a problem, not a template.
 */
class ConfigInjectionTest {

    private final Golden golden = Golden.of("config-injection");
    private final ServiceRollout rollout = golden.input("rollout.yaml", ServiceRollout.class);
    private final ConfigWatch config = golden.input("configwatch-configmap.yaml", ConfigWatch.class);
    private final ConfigWatch secrets = golden.input("configwatch-secret.yaml", ConfigWatch.class);

    @Test
    void eachConfigWatchIsItsCurrentVersionedObjectMountedOrAsEnvFromInEveryContainer() {
        var result = resolve(Map.of("inventory-config", config, "inventory-secrets", secrets));

        assertThat(result.problem()).isEmpty();
        golden.assertMatches("template.yaml", result.template());
        assertThat(result.configRevisions()).extracting(r -> r.getConfigWatch() + "@" + r.getRevision())
                .containsExactly("inventory-config@3", "inventory-secrets@7");
        assertThat(rollout.getSpec().getTemplate().getSpec().getVolumes()).as("the spec is not changed").hasSize(1);
    }

    @Test
    void aNewVersionOfTheConfigurationIsANewTemplateHash() {
        String before = ContentHash.of(resolve(Map.of("inventory-config", config, "inventory-secrets", secrets))
                .template());
        config.getStatus().setRevision(4);
        config.getStatus().setVersionedName("inventory-config-0123456789");

        String after = ContentHash.of(resolve(Map.of("inventory-config", config, "inventory-secrets", secrets))
                .template());

        assertThat(after).isNotEqualTo(before);
    }

    @Test
    void aConfigWatchThatIsMissingOrHasNoVersionYetIsNotReady() {
        var missing = resolve(Map.of("inventory-config", config));
        assertThat(missing.problem()).hasValueSatisfying(p -> {
            assertThat(p.reason()).isEqualTo(RolloutConditions.CONFIG_NOT_READY);
            assertThat(p.message()).contains("ConfigWatch inventory-secrets (spec.configFrom) does not exist");
        });
        assertThat(missing.template()).isSameAs(rollout.getSpec().getTemplate());

        secrets.setStatus(null);
        assertThat(resolve(Map.of("inventory-config", config, "inventory-secrets", secrets)).problem())
                .hasValueSatisfying(p -> assertThat(p.message()).contains("has no version yet"));
    }

    @Test
    void anEntryWithBothOrNeitherOfMountPathAndEnvIsInvalid() {
        var both = ConfigInjection.resolve(rollout.getSpec().getTemplate(),
                List.of(new ConfigFrom("inventory-config", "/etc/x", true)), Map.of("inventory-config", config));
        var neither = ConfigInjection.resolve(rollout.getSpec().getTemplate(),
                List.of(new ConfigFrom("inventory-config", null, null)), Map.of("inventory-config", config));

        assertThat(both.problem()).hasValueSatisfying(p -> assertThat(p.reason())
                .isEqualTo(RolloutConditions.CONFIG_FROM_INVALID));
        assertThat(neither.problem()).hasValueSatisfying(p -> assertThat(p.message())
                .contains("spec.configFrom[0]: set exactly one of mountPath or env: true"));
    }

    @Test
    void withoutConfigFromTheTemplateIsUnchanged() {
        var result = ConfigInjection.resolve(rollout.getSpec().getTemplate(), null, Map.of());

        assertThat(result.template()).isSameAs(rollout.getSpec().getTemplate());
        assertThat(result.configRevisions()).isEmpty();
    }

    private ConfigInjection.Result resolve(Map<String, ConfigWatch> watches) {
        return ConfigInjection.resolve(rollout.getSpec().getTemplate(), rollout.getSpec().getConfigFrom(), watches);
    }
}
