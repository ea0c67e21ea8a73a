package dev.veer.analysis;

import java.util.ArrayList;
import java.util.List;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOptions;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntime.CelFunctionBinding;
import dev.cel.runtime.CelRuntimeFactory;

/**
 * The CEL environment conditions are compiled in: one variable, {@code result} (a number or a list, see
 * {@link MetricValue}), CEL's standard functions and macros, and these additions for metric results:
 * <ul>
 * <li>{@code isNaN(x)}: whether a number is NaN;</li>
 * <li>{@code len(x)} and {@code size(x)}: the number of samples (a single number has one);</li>
 * <li>{@code result[0]} on a single number: the number itself, so a condition reads the same whether the query
 * returned one sample or several;</li>
 * <li>arithmetic and comparisons mixing integers and doubles ({@code result * 100 > 5}, {@code result < 1}).</li>
 * </ul>
 * Both the compiler and the runtime are immutable and shared by every thread.
 */
final class ConditionLanguage {

    static final String RESULT = "result";

    /** Declared before the compiler and runtime, whose initialisation reads them. */
    private static final CelType LIST = ListType.create(SimpleType.DYN);
    private static final String[][] MIXED_ARITHMETIC = {
            { "_+_", "add" }, { "_-_", "subtract" }, { "_*_", "multiply" }, { "_/_", "divide" } };

    private static final CelOptions OPTIONS = CelOptions.current()
            .enableHeterogeneousNumericComparisons(true)
            .comprehensionMaxIterations(10_000)
            .build();

    static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(OPTIONS)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar(RESULT, SimpleType.DYN)
            .setResultType(SimpleType.BOOL)
            .addFunctionDeclarations(declarations())
            .build();

    static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder()
            .setOptions(OPTIONS)
            .addFunctionBindings(bindings())
            .build();

    private ConditionLanguage() {
    }

    private static List<CelFunctionDecl> declarations() {
        var declarations = new ArrayList<CelFunctionDecl>();
        declarations.add(CelFunctionDecl.newFunctionDeclaration("isNaN",
                CelOverloadDecl.newGlobalOverload("veer_isnan_double", SimpleType.BOOL, SimpleType.DOUBLE)));
        declarations.add(CelFunctionDecl.newFunctionDeclaration("len",
                CelOverloadDecl.newGlobalOverload("veer_len_list", SimpleType.INT, LIST),
                CelOverloadDecl.newGlobalOverload("veer_len_double", SimpleType.INT, SimpleType.DOUBLE)));
        declarations.add(CelFunctionDecl.newFunctionDeclaration("size",
                CelOverloadDecl.newGlobalOverload("veer_size_double", SimpleType.INT, SimpleType.DOUBLE)));
        declarations.add(CelFunctionDecl.newFunctionDeclaration("_[_]",
                CelOverloadDecl.newGlobalOverload("veer_index_double_int", SimpleType.DOUBLE, SimpleType.DOUBLE,
                        SimpleType.INT)));
        for (String[] operator : MIXED_ARITHMETIC) {
            declarations.add(CelFunctionDecl.newFunctionDeclaration(operator[0],
                    CelOverloadDecl.newGlobalOverload("veer_" + operator[1] + "_double_int", SimpleType.DOUBLE,
                            SimpleType.DOUBLE, SimpleType.INT),
                    CelOverloadDecl.newGlobalOverload("veer_" + operator[1] + "_int_double", SimpleType.DOUBLE,
                            SimpleType.INT, SimpleType.DOUBLE)));
        }
        return declarations;
    }

    private static List<CelFunctionBinding> bindings() {
        var bindings = new ArrayList<CelFunctionBinding>();
        bindings.add(CelFunctionBinding.from("veer_isnan_double", Double.class, value -> Double.isNaN(value)));
        bindings.add(CelFunctionBinding.from("veer_len_list", List.class, list -> (long) list.size()));
        bindings.add(CelFunctionBinding.from("veer_len_double", Double.class, value -> 1L));
        bindings.add(CelFunctionBinding.from("veer_size_double", Double.class, value -> 1L));
        bindings.add(CelFunctionBinding.from("veer_index_double_int", Double.class, Long.class, (value, index) -> {
            if (index != 0) {
                throw new IndexOutOfBoundsException("index " + index + " out of range: the result is a single sample");
            }
            return value;
        }));
        for (String[] operator : MIXED_ARITHMETIC) {
            String name = operator[1];
            bindings.add(CelFunctionBinding.from("veer_" + name + "_double_int", Double.class, Long.class,
                    (a, b) -> arithmetic(name, a, b.doubleValue())));
            bindings.add(CelFunctionBinding.from("veer_" + name + "_int_double", Long.class, Double.class,
                    (a, b) -> arithmetic(name, a.doubleValue(), b)));
        }
        return bindings;
    }

    private static double arithmetic(String operator, double a, double b) {
        return switch (operator) {
            case "add" -> a + b;
            case "subtract" -> a - b;
            case "multiply" -> a * b;
            default -> a / b;
        };
    }
}
