package dev.veer.testing.celcost;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The CEL cost check that the API server runs when a CRD is created or updated, on a CRD file: every
 * {@code x-kubernetes-validations} rule's estimated cost ({@link CelCostEstimator}) times the number of times the rule
 * can run in one object, against the per-rule limit, and the sum of all rules of a version's schema against the
 * schema-wide limit.
 *
 * <p>Facts carried over from apiextensions-apiserver (pkg/apis/apiextensions/validation: validation.go,
 * cel_validation.go; pkg/apiserver/schema/cel/compilation.go):
 * <ul>
 * <li>Limits: 10,000,000 per rule ({@code StaticEstimatedCostLimit}), 100,000,000 for all rules of a schema
 * ({@code StaticEstimatedCRDCostLimit}).</li>
 * <li>A rule's cost is its estimated cost times its node's cardinality: the product of the {@code maxItems} /
 * {@code maxProperties} of every list and map above the node (properties of an object count 1). If any of them is
 * unbounded, the cardinality is instead {@code 3 MiB / (minSerializedSize(node) + 1)}: as many copies of the node as
 * the largest request can hold.</li>
 * <li>The message: "estimated rule cost exceeds budget by factor of F", F being "more than 100x" above 100, six
 * decimals below 1.5 ("1.245457x"), else one decimal ("8.7x"). When the total is over its limit, the API server also
 * names the four dearest rules among those costing at least 1% of that limit.</li>
 * <li>A messageExpression is costed too, once (not times the cardinality: it runs only when its rule fails), against
 * the same per-expression limit, and counts in the total.</li>
 * </ul>
 */
public final class CrdCelCost {

    public static final long PER_RULE_LIMIT = 10_000_000L;
    public static final long PER_SCHEMA_LIMIT = 100_000_000L;

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /**
     * One rule's figures. {@code location}: the node in short form ({@code .spec.strategy.canary.steps[]});
     * {@code field}: the API server's field path of the rule.
     */
    public record RuleCost(String location, String field, String rule, long estimatedCost, long cardinality,
            boolean cardinalityBounded, long cost, java.util.Set<String> unboundedReads) {

        public double factor() {
            return (double) cost / PER_RULE_LIMIT;
        }

        public boolean overBudget() {
            return cost > PER_RULE_LIMIT;
        }

        /** "rule" or "messageExpression", as the API server names what it costs. */
        public String expressionKind() {
            return field.endsWith(".messageExpression") ? "messageExpression" : "rule";
        }

        @Override
        public String toString() {
            return location + " `" + rule + "`: " + cost + " = " + estimatedCost + " x " + cardinality
                    + (cardinalityBounded ? "" : " (unbounded: what 3 MiB can hold)")
                    + (unboundedReads.isEmpty() ? "" : ", reads unbounded " + unboundedReads)
                    + (overBudget() ? ", estimated " + expressionKind() + " cost exceeds budget by factor of "
                            + factorText(factor())
                            : String.format(Locale.ROOT, ", %.4f of the budget", factor()));
        }
    }

    /** The figures of one version's schema. */
    public record SchemaCost(String crd, String version, List<RuleCost> rules) {

        public long total() {
            long total = 0;
            for (RuleCost rule : rules) {
                total = CelCostEstimator.add(total, rule.cost());
            }
            return total;
        }

        public boolean totalOverBudget() {
            return total() > PER_SCHEMA_LIMIT;
        }

        public List<RuleCost> overBudget() {
            return rules.stream().filter(RuleCost::overBudget).toList();
        }

        /**
         * Veer's own rule, stricter than the API server's budget: every rule sits under bounded lists and maps only,
         * and reads (iterates, compares, matches) only bounded strings, lists and maps; one line per rule that does
         * not. A rule cheap enough today under an unbounded list is one edit away from being refused.
         */
        public List<String> unboundedRules() {
            List<String> found = new ArrayList<>();
            for (RuleCost rule : rules) {
                if (!rule.cardinalityBounded()) {
                    found.add(crd + " " + version + ": " + rule.location() + " `" + rule.rule()
                            + "` sits under a list or map without maxItems/maxProperties");
                }
                if (!rule.unboundedReads().isEmpty()) {
                    found.add(crd + " " + version + ": " + rule.location() + " `" + rule.rule() + "` reads "
                            + rule.unboundedReads() + ", which have no maxLength/maxItems/maxProperties");
                }
            }
            return found;
        }

        /** What the API server would refuse, one line each; empty when it accepts the schema. */
        public List<String> refusals() {
            List<String> refusals = new ArrayList<>();
            for (RuleCost rule : overBudget()) {
                refusals.add(crd + " " + version + ": " + rule.field() + " (" + rule.location() + " `" + rule.rule()
                        + "`): estimated " + rule.expressionKind() + " cost exceeds budget by factor of "
                        + factorText(rule.factor()));
            }
            if (totalOverBudget()) {
                refusals.add(crd + " " + version + ": x-kubernetes-validations estimated rule cost total for entire "
                        + "OpenAPIv3 schema exceeds budget by factor of "
                        + factorText((double) total() / PER_SCHEMA_LIMIT));
                // the API server also names the (at most 4) dearest rules that cost at least 1% of the total limit
                rules.stream().filter(rule -> rule.cost() >= PER_SCHEMA_LIMIT / 100)
                        .sorted((a, b) -> Long.compare(b.cost(), a.cost())).limit(4)
                        .forEach(rule -> refusals.add(crd + " " + version + ": " + rule.field() + " ("
                                + rule.location() + "): contributed to estimated rule cost total exceeding cost "
                                + "limit for entire OpenAPIv3 schema"));
            }
            return refusals;
        }
    }

    private CrdCelCost() {
    }

    /** The API server's way of writing a factor over budget. */
    public static String factorText(double factor) {
        if (factor > 100.0) {
            return "more than 100x";
        }
        if (factor < 1.5) {
            return String.format(Locale.ROOT, "%fx", factor);
        }
        return String.format(Locale.ROOT, "%.1fx", factor);
    }

    /** The figures of every version of the CRD in {@code file}. */
    public static List<SchemaCost> of(Path file) {
        JsonNode crd;
        try {
            crd = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = crd.at("/metadata/name").asText(file.getFileName().toString());
        List<SchemaCost> costs = new ArrayList<>();
        JsonNode versions = crd.at("/spec/versions");
        for (int i = 0; i < versions.size(); i++) {
            JsonNode schema = versions.get(i).at("/schema/openAPIV3Schema");
            List<RuleCost> rules = new ArrayList<>();
            walk(schema, true, 1L, "", "spec.versions[" + i + "].schema.openAPIV3Schema", rules);
            costs.add(new SchemaCost(name, versions.get(i).path("name").asText(), rules));
        }
        return costs;
    }

    /**
     * Costs the rules at {@code node} and below. {@code cardinality}: how many times the node can occur in one
     * object, null when a list or map above it is unbounded.
     */
    private static void walk(JsonNode node, boolean resourceRoot, Long cardinality, String location, String field,
            List<RuleCost> rules) {
        if (node == null || !node.isObject()) {
            return;
        }
        JsonNode validations = node.path("x-kubernetes-validations");
        if (validations.size() > 0) {
            SchemaType self = SchemaType.of(node, resourceRoot || SchemaType.embedded(node));
            if (self == null) {
                throw new IllegalArgumentException(location + ": rules on a node that rules cannot see");
            }
            for (int i = 0; i < validations.size(); i++) {
                String rule = validations.get(i).path("rule").asText();
                CelCostEstimator.Estimate estimated;
                try {
                    estimated = CelCostEstimator.estimate(rule, self);
                } catch (UnsupportedOperationException e) {
                    throw new UnsupportedOperationException(location + " `" + rule + "`: " + e.getMessage(), e);
                }
                long times = cardinality != null ? cardinality
                        : SchemaType.MAX_REQUEST_SIZE_BYTES / (self.minSerializedSize() + 1);
                rules.add(new RuleCost(location.isEmpty() ? "." : location,
                        field + ".x-kubernetes-validations[" + i + "].rule", rule, estimated.maxCost(), times,
                        cardinality != null, CelCostEstimator.multiply(estimated.maxCost(), times),
                        estimated.unboundedReads()));
                String message = validations.get(i).path("messageExpression").asText("");
                if (!message.isBlank()) {
                    // a messageExpression runs only when its rule fails: the API server does not multiply it
                    CelCostEstimator.Estimate messageCost = CelCostEstimator.estimate(message, self);
                    rules.add(new RuleCost(location.isEmpty() ? "." : location,
                            field + ".x-kubernetes-validations[" + i + "].messageExpression", message,
                            messageCost.maxCost(), 1, true, messageCost.maxCost(), messageCost.unboundedReads()));
                }
            }
        }
        Long childCardinality = cardinality == null ? null : childFactor(node, cardinality);
        for (var property : node.path("properties").properties()) {
            walk(property.getValue(), false, childCardinality, location + "." + property.getKey(),
                    field + ".properties[" + property.getKey() + "]", rules);
        }
        walk(node.get("items"), false, childCardinality, location + "[]", field + ".items", rules);
        JsonNode additional = node.get("additionalProperties");
        if (additional != null && additional.isObject()) {
            walk(additional, false, childCardinality, location + "{}", field + ".additionalProperties", rules);
        }
    }

    /** The node's cardinality times how many children it can have of each kind, null if unbounded. */
    private static Long childFactor(JsonNode node, long cardinality) {
        String type = node.path("type").asText();
        if (type.equals("array")) {
            return node.has("maxItems") ? CelCostEstimator.multiply(cardinality, node.get("maxItems").asLong())
                    : null;
        }
        if (type.equals("object") && node.has("additionalProperties")) {
            return node.has("maxProperties")
                    ? CelCostEstimator.multiply(cardinality, node.get("maxProperties").asLong())
                    : null;
        }
        return cardinality;
    }
}
