package dev.veer.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.veer.testing.celcost.CrdCelCost;
import dev.veer.testing.celcost.CrdCelCost.RuleCost;
import dev.veer.testing.celcost.CrdCelCost.SchemaCost;

/**
 * A real API server refuses a CRD whose CEL rules it estimates too costly; the mock API server checks nothing. These
 * tests run the API server's estimate ({@link CrdCelCost}) on every CRD in {@code crds/}, and keep the proof that
 * the estimate refuses the ServiceRollout CRD that a kube-apiserver v1.32 refused on 2026-11-22, for the reasons it
 * gave (issue 10).
 */
class CrdCelCostTest {

    private static final Path CRDS = Path.of(System.getProperty("veer.crds.dir", "../crds"));

    static Stream<Path> crds() throws IOException {
        return Files.list(CRDS).filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml"))
                .sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("crds")
    void everyCrdFitsTheApiServersCelCostBudget(Path crd) {
        List<SchemaCost> schemas = CrdCelCost.of(crd);
        assertThat(schemas).isNotEmpty();
        for (SchemaCost schema : schemas) {
            print(schema);
            assertThat(schema.refusals()).as("what a real API server would refuse in %s", crd).isEmpty();
            assertThat(schema.unboundedRules()).as("rules of %s that reach an unbounded list, map or string", crd)
                    .isEmpty();
        }
    }

    @Test
    void theServiceRolloutCrdOf2026_11_22IsRefusedForTheRulesTheApiServerRefused() throws URISyntaxException {
        SchemaCost old = CrdCelCost.of(fixture("servicerollout-2026-11-22.yml")).get(0);
        print(old);

        Map<String, List<String>> refused = old.overBudget().stream().collect(Collectors.groupingBy(
                RuleCost::location, java.util.LinkedHashMap::new,
                Collectors.mapping(rule -> CrdCelCost.factorText(rule.factor()), Collectors.toList())));
        String steps = ".spec.strategy.canary.steps[]";
        assertThat(refused).containsEntry(steps, List.of("8.7x"))
                .containsEntry(steps + ".analysis", List.of("1.6x", "more than 100x", "more than 100x"))
                .containsEntry(steps + ".analysis.metrics[].provider.prometheus", List.of("more than 100x"))
                .containsEntry(steps + ".setHeaderRoute.match[]", List.of("1.6x"))
                .containsEntry(".status.headerRoute[]", List.of("1.6x"))
                .hasSize(5);
        assertThat(old.totalOverBudget()).as("the schema-wide total is over budget").isTrue();
        // 7 rules over budget, the total, and the 4 dearest rules named as contributing to it: the 12 errors the
        // API server gave
        assertThat(old.refusals()).hasSize(12);
        assertThat(old.unboundedRules()).anySatisfy(line -> assertThat(line).contains(steps + " `[has(self.setWeight)")
                .contains("sits under a list or map without maxItems"))
                .anySatisfy(line -> assertThat(line).contains(".spec.strategy.blueGreen `")
                        .contains("reads [self.activeService, self.previewService]"));
    }

    @Test
    void aMessageExpressionIsCostedOnceAndARuleAsOftenAsItsNodeCanOccur(@TempDir Path dir) throws IOException {
        Path crd = dir.resolve("widgets.yml");
        Files.writeString(crd, """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: widgets.example.dev}
                spec:
                  versions:
                  - name: v1
                    schema:
                      openAPIV3Schema:
                        type: object
                        properties:
                          spec:
                            type: object
                            properties:
                              parts:
                                type: array
                                maxItems: 8
                                items:
                                  type: object
                                  required: [name]
                                  properties:
                                    name: {type: string, maxLength: 10}
                                  x-kubernetes-validations:
                                  - rule: "self.name.startsWith('p')"
                                    messageExpression: "'part ' + self.name + ' must start with p'"
                """);
        SchemaCost schema = CrdCelCost.of(crd).get(0);
        assertThat(schema.rules()).extracting(RuleCost::field, RuleCost::estimatedCost, RuleCost::cost).containsExactly(
                org.assertj.core.groups.Tuple.tuple("spec.versions[0].schema.openAPIV3Schema.properties[spec]"
                        + ".properties[parts].items.x-kubernetes-validations[0].rule", 3L, 24L),
                // rule: self.name 2, startsWith ceil(1 * 0.1) = 1; times 8 parts
                // message: 'part ' + name: ceil((5 + 40) * 0.1) = 5 + 2 for self.name; + ' must start with p':
                // ceil(63 * 0.1) = 7 + 7; once
                org.assertj.core.groups.Tuple.tuple("spec.versions[0].schema.openAPIV3Schema.properties[spec]"
                        + ".properties[parts].items.x-kubernetes-validations[0].messageExpression", 14L, 14L));
        assertThat(schema.refusals()).isEmpty();
        assertThat(schema.unboundedRules()).isEmpty();
    }

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(CrdCelCostTest.class.getResource("/crd-cost/" + name).toURI());
    }

    private static void print(SchemaCost schema) {
        System.out.println(schema.crd() + " " + schema.version() + ": total " + schema.total() + " ("
                + String.format(java.util.Locale.ROOT, "%.4f", (double) schema.total() / CrdCelCost.PER_SCHEMA_LIMIT)
                + " of the schema-wide budget)");
        schema.rules().stream().sorted((a, b) -> Long.compare(b.cost(), a.cost()))
                .forEach(rule -> System.out.println("  " + rule));
    }
}
