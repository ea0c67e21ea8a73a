package dev.veer.sandbox.apiserver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;

import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;

/**
 * Evaluates a CRD's {@code x-kubernetes-validations} rules the way an API server does, with CEL-Java: {@code self}
 * is the value at the rule's place in the object, and the rule must be true. The sandbox's API server admission
 * ({@link Admission}) and the tests of samples and rules use this. (The API server's CEL has more libraries than the standard environment used here; a
 * rule using them fails to compile here, which the test then shows.)
 */
public final class CelRules {

    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("self", SimpleType.DYN)
            .addVar("oldSelf", SimpleType.DYN)
            .setResultType(SimpleType.BOOL)
            .build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

    private static final Map<String, CelRuntime.Program> PROGRAMS = new ConcurrentHashMap<>();

    private CelRules() {
    }

    /** Compiles a rule; throws with CEL's message when it does not. */
    public static CelRuntime.Program compile(String rule) {
        return PROGRAMS.computeIfAbsent(rule, CelRules::compileOnce);
    }

    private static CelRuntime.Program compileOnce(String rule) {
        try {
            return RUNTIME.createProgram(COMPILER.compile(rule).getAst());
        } catch (CelValidationException | CelEvaluationException e) {
            throw new IllegalArgumentException("rule does not compile: " + rule + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether {@code rule} holds for {@code self} on create. Like the API server, a transition rule (one that reads
     * {@code oldSelf}) is not evaluated on create.
     */
    public static boolean holds(String rule, JsonNode self) {
        if (rule.contains("oldSelf")) {
            return true;
        }
        try {
            return Boolean.TRUE.equals(compile(rule).eval(Map.of("self", toCel(self))));
        } catch (CelEvaluationException e) {
            throw new IllegalArgumentException("rule cannot be evaluated: " + rule + ": " + e.getMessage(), e);
        }
    }

    /** Whether a rule holds on an update from {@code oldSelf} to {@code self}. */
    public static boolean holdsOnUpdate(String rule, JsonNode self, JsonNode oldSelf) {
        try {
            return Boolean.TRUE.equals(compile(rule).eval(Map.of("self", toCel(self), "oldSelf", toCel(oldSelf))));
        } catch (CelEvaluationException e) {
            throw new IllegalArgumentException("rule cannot be evaluated: " + rule + ": " + e.getMessage(), e);
        }
    }

    static Object toCel(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.fields().forEachRemaining(field -> map.put(field.getKey(), toCel(field.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(item -> list.add(toCel(item)));
            return list;
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        return node.asText();
    }
}
