package dev.veer.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.veer.sandbox.apiserver.CelRules;
import io.fabric8.generator.annotation.ValidationRule;

/** The CEL rules of spec.configFrom, evaluated as an API server does. */
class ConfigFromRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"configWatch\":\"c\",\"mountPath\":\"/etc/c\"}                  | true",
            "{\"configWatch\":\"c\",\"env\":true}                              | true",
            "{\"configWatch\":\"c\",\"mountPath\":\"/etc/c\",\"env\":false}    | true",
            "{\"configWatch\":\"c\",\"mountPath\":\"/etc/c\",\"env\":true}     | false",
            "{\"configWatch\":\"c\"}                                           | false",
            "{\"configWatch\":\"c\",\"env\":false}                             | false" })
    void anEntryIsMountedOrEnvNotBoth(String entry, boolean valid) throws Exception {
        String rule = rule(ConfigFrom.class, "set exactly one of mountPath or env: true");
        assertThat(CelRules.holds(rule, JSON.readTree(entry))).isEqualTo(valid);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{}                                                                          | true",
            "{\"configFrom\":[{\"configWatch\":\"a\"},{\"configWatch\":\"b\"}]}          | true",
            "{\"configFrom\":[{\"configWatch\":\"a\"},{\"configWatch\":\"a\"}]}          | false" })
    void eachConfigWatchIsListedOnce(String spec, boolean valid) throws Exception {
        String rule = rule(ServiceRolloutSpec.class, "each ConfigWatch may be listed only once in configFrom");
        assertThat(CelRules.holds(rule, JSON.readTree(spec))).isEqualTo(valid);
    }

    private static String rule(Class<?> type, String message) {
        return Arrays.stream(type.getAnnotationsByType(ValidationRule.class))
                .filter(rule -> rule.message().equals(message)).findFirst().orElseThrow().value();
    }
}
