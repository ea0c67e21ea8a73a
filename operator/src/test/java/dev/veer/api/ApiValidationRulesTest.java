package dev.veer.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.lang.reflect.AnnotatedElement;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.veer.sandbox.apiserver.CelRules;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Every CEL rule of the API classes compiles (the mock API server never evaluates them, a real one rejects a CRD whose
 * rule does not compile), and the rules that are more than a presence check decide as their messages say.
 */
class ApiValidationRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyValidationRuleOfTheApiCompiles() throws Exception {
        List<String> rules = new ArrayList<>();
        for (Class<?> type : apiClasses()) {
            collect(type, rules);
            for (var field : type.getDeclaredFields()) {
                collect(field, rules);
            }
        }
        assertThat(rules).hasSizeGreaterThan(10);
        for (String rule : rules) {
            assertThatCode(() -> CelRules.compile(rule)).as(rule).doesNotThrowAnyException();
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"builtin\":[\"error-rate\"]}                                     | true",
            "{\"templates\":[{\"name\":\"errors\"}]}                            | true",
            "{\"metrics\":[{\"name\":\"m\"}]}                                   | true",
            "{}                                                                 | false",
            "{\"templates\":[],\"builtin\":[]}                                  | false",
            "{\"args\":[{\"name\":\"a\",\"value\":\"1\"}]}                      | false" })
    void analysisNeedsAtLeastOneSourceOfMetrics(String analysis, boolean valid) throws Exception {
        String rule = rule(AnalysisSpec.class, "an analysis needs at least one of templates, builtin or metrics");
        assertThat(CelRules.holds(rule, JSON.readTree(analysis))).isEqualTo(valid);
    }

    @Test
    void analysisArgsAndInlineMetricsMustHaveUniqueNames() throws Exception {
        String args = rule(AnalysisSpec.class, "arg names must be unique within an analysis");
        String metrics = rule(AnalysisSpec.class, "metric names must be unique within an analysis");
        assertThat(CelRules.holds(args, JSON.readTree("{\"args\":[{\"name\":\"a\"},{\"name\":\"a\"}]}"))).isFalse();
        assertThat(CelRules.holds(args, JSON.readTree("{\"args\":[{\"name\":\"a\"},{\"name\":\"b\"}]}"))).isTrue();
        assertThat(CelRules.holds(metrics, JSON.readTree("{\"metrics\":[{\"name\":\"m\"},{\"name\":\"m\"}]}")))
                .isFalse();
        assertThat(CelRules.holds(metrics, JSON.readTree("{\"builtin\":[\"error-rate\"]}"))).isTrue();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"setWeight\":10}                                               | true",
            "{\"analysis\":{\"builtin\":[\"error-rate\"]}}                 | true",
            "{\"setWeight\":10,\"analysis\":{\"builtin\":[\"error-rate\"]}} | false",
            "{}                                                               | false" })
    void aCanaryStepIsExactlyOneThing(String step, boolean valid) throws Exception {
        String rule = rule(CanaryStep.class,
                "each canary step must set exactly one of setWeight, pause, setHeaderRoute or analysis");
        assertThat(CelRules.holds(rule, JSON.readTree(step))).isEqualTo(valid);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"steps\":[{},{}]}                                                   | true",
            "{\"steps\":[{},{}],\"analysis\":{},\"analysisStartingStep\":1}       | true",
            "{\"steps\":[{},{}],\"analysis\":{},\"analysisStartingStep\":2}       | false",
            "{\"steps\":[{},{}],\"analysisStartingStep\":0}                      | false",
            "{\"analysis\":{},\"analysisStartingStep\":0}                        | false" })
    void analysisStartingStepNamesAStepOfABackgroundAnalysis(String canary, boolean valid) throws Exception {
        String rule = rule(CanaryStrategy.class,
                "analysisStartingStep needs a background analysis and must be the index of a step");
        assertThat(CelRules.holds(rule, JSON.readTree(canary))).isEqualTo(valid);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "[{\"name\":\"X-Canary\",\"exact\":\"yes\"},{\"name\":\"X-B\",\"regex\":\"a.*\"}] | true",
            "[]                                                                          | true",
            "[{\"name\":\"X-Canary\"}]                                                 | false",
            "[{\"name\":\"X-Canary\",\"exact\":\"yes\"},{\"name\":\"X-B\",\"exact\":\"a\",\"prefix\":\"b\"}] | false" })
    void everyHeaderMatchOfASetHeaderRouteStepSetsExactlyOneOfExactPrefixOrRegex(String match, boolean valid)
            throws Exception {
        String rule = Arrays.stream(HeaderRouteStep.class.getDeclaredField("match")
                .getAnnotationsByType(ValidationRule.class)).findFirst().orElseThrow().value();
        assertThat(CelRules.holds(rule, JSON.readTree(match))).isEqualTo(valid);
    }

    private static String rule(Class<?> type, String message) {
        return Arrays.stream(type.getAnnotationsByType(ValidationRule.class))
                .filter(rule -> rule.message().equals(message)).findFirst().orElseThrow().value();
    }

    private static void collect(AnnotatedElement element, List<String> rules) {
        for (ValidationRule rule : element.getAnnotationsByType(ValidationRule.class)) {
            rules.add(rule.value());
        }
    }

    private static List<Class<?>> apiClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(VeerApi.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path api = root.resolve(VeerApi.class.getPackageName().replace('.', '/'));
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.list(api)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String name = file.getFileName().toString().replace(".class", "");
                classes.add(Class.forName(VeerApi.class.getPackageName() + "." + name));
            }
        }
        return classes;
    }
}
