package dev.veer.testing.celcost;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.cel.common.CelValidationException;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;

/**
 * The worst-case cost of one CEL rule, estimated the way the API server estimates it when a CRD is created (cel-go's
 * static cost estimator, checker/cost.go, with apiextensions-apiserver's size estimator, which reads the bounds of
 * the schema). CEL-Java parses the rule and expands its macros into comprehensions exactly as cel-go does; this class
 * walks that tree. Only the upper bound is computed (the API server uses only the upper bound).
 *
 * <p>The figures, as in cel-go: reading a variable or a field costs 1 ({@code has()} costs nothing more than its
 * operand: Kubernetes turns presence-test cost off), a constant 0, creating a list 10 and a map 30; a function costs
 * its arguments plus 1, except: {@code startsWith}/{@code endsWith} 0.1 per character of the argument; {@code in}
 * on a list 1 per item; {@code matches} (0.1 per character of the string + 0.1) times (0.25 per character of the
 * regular expression); {@code contains} 0.1 per character of each side, multiplied; {@code ==}, {@code !=} and
 * comparisons of strings 0.1 per character of the shorter side's largest size; string concatenation 0.1 per
 * character of the result; {@code &&}/{@code ||} both sides; {@code ?:} the condition plus the dearer branch; a
 * comprehension ({@code all}, {@code exists}, {@code exists_one}, {@code filter}, {@code map}) its range, its
 * accumulator and result, plus the number of elements of its range times (condition + step). Every fractional cost
 * is rounded up. Sizes come from literals, from the schema ({@link SchemaType}) by the path of field names, and
 * {@code @items}/{@code @values}/{@code @keys} for elements, as cel-go tracks them.
 *
 * <p>Where this differs from the API server (all differences over-estimate, never under-estimate):
 * <ul>
 * <li>Types are inferred here from the schema and the functions, not by CEL's type checker. Where a type stays
 * unknown, a call is priced as the dearest overload it could be (as cel-go does for an unresolved overload), a
 * select from it costs 1, and its size is unknown (the largest number).</li>
 * <li>Functions this class does not model are refused with {@link UnsupportedOperationException} rather than
 * guessed: add them here when a rule needs them. Kubernetes library functions modelled: lowerAscii, upperAscii,
 * trim, substring, split, join, find, findAll, url and its getters, isURL, quantity functions, and isSorted, sum, min,
 * max, indexOf, lastIndexOf on lists and strings. The result size of replace is taken larger than Kubernetes takes
 * it. Not modelled (refused): the sets, format, ip and cidr functions, authorizer checks.</li>
 * <li>Map keys reached by iterating a map are sized as unbounded strings.</li>
 * </ul>
 */
public final class CelCostEstimator {

    /** The largest value: cel-go's "unknown" (MaxUint64) saturates here. */
    public static final long UNKNOWN = Long.MAX_VALUE;

    private static final double STRING_TRAVERSAL_COST_FACTOR = 0.1;
    private static final double REGEX_STRING_LENGTH_COST_FACTOR = 0.25;
    private static final long LIST_CREATE_BASE_COST = 10;
    private static final long MAP_CREATE_BASE_COST = 30;

    private static final CelCompiler PARSER = CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .build();

    private static final Set<String> CONSTANT_TIME = Set.of("size", "!_", "-_", "@not_strictly_false", "_-_", "_*_",
            "_/_", "_%_", "int", "uint", "double", "bool", "type", "duration", "timestamp", "getSeconds",
            "getMilliseconds", "getMinutes", "getHours", "getFullYear", "getMonth", "getDayOfYear", "getDayOfMonth",
            "getDate", "getDayOfWeek", "isURL", "getScheme", "getHost", "getHostname", "getPort", "getEscapedPath",
            "getQuery", "quantity", "isQuantity", "sign", "asInteger", "isInteger", "asApproximateFloat",
            "isGreaterThan", "isLessThan", "compareTo", "add", "sub");

    private enum Kind {
        BOOL, INT, UINT, DOUBLE, STRING, BYTES, DURATION, TIMESTAMP, NULL, LIST, MAP, OBJECT, DYN, TYPE
    }

    private record Type(Kind kind, SchemaType schema, Type elem) {
        static final Type DYN = new Type(Kind.DYN, null, null);

        static Type of(Kind kind) {
            return new Type(kind, null, null);
        }

        static Type of(SchemaType schema) {
            if (schema == null) {
                return DYN;
            }
            return switch (schema.kind()) {
                case OBJECT -> new Type(Kind.OBJECT, schema, null);
                case MAP -> new Type(Kind.MAP, schema, of(schema.elem()));
                case LIST -> new Type(Kind.LIST, schema, of(schema.elem()));
                case STRING -> of(Kind.STRING);
                case BYTES -> of(Kind.BYTES);
                case INT -> of(Kind.INT);
                case DOUBLE -> of(Kind.DOUBLE);
                case BOOL -> of(Kind.BOOL);
                case DYN -> DYN;
            };
        }

        boolean scalar() {
            return switch (kind) {
                case BOOL, DOUBLE, DURATION, INT, TIMESTAMP, UINT -> true;
                default -> false;
            };
        }

        boolean is(Kind... kinds) {
            for (Kind k : kinds) {
                if (kind == k) {
                    return true;
                }
            }
            return false;
        }

        boolean unknown() {
            return kind == Kind.DYN;
        }
    }

    private record EntrySize(Kind container, long key, long val) {
        EntrySize union(EntrySize other) {
            if (other == null) {
                return null;
            }
            return new EntrySize(container, Math.max(key, other.key), Math.max(val, other.val));
        }
    }

    private record LocalVar(List<String> path, Long size, EntrySize entrySize, Type type) {
    }

    private final SchemaType root;
    private final Map<Long, List<String>> paths = new HashMap<>();
    private final Map<Long, Type> types = new HashMap<>();
    private final Map<Long, Long> sizes = new HashMap<>();
    private final Map<Long, EntrySize> entrySizes = new HashMap<>();
    private final Map<String, Deque<LocalVar>> locals = new HashMap<>();
    private final Set<String> unboundedReads = new java.util.HashSet<>();

    /**
     * A rule's estimate. {@code unboundedReads}: the schema paths (from self), in order, whose size the estimate
     * needed and the schema does not bound; empty when the rule reads only bounded strings, lists and maps.
     */
    public record Estimate(long maxCost, Set<String> unboundedReads) {
    }

    private CelCostEstimator(SchemaType root) {
        this.root = root;
    }

    /**
     * The estimated worst-case cost of {@code rule} evaluated once with {@code self} (and {@code oldSelf}) of type
     * {@code self}.
     *
     * @throws IllegalArgumentException when the rule does not parse
     * @throws UnsupportedOperationException when the rule uses what this estimator does not model
     */
    public static Estimate estimate(String rule, SchemaType self) {
        CelExpr expr;
        try {
            expr = PARSER.parse(rule).getAst().getExpr();
        } catch (CelValidationException e) {
            throw new IllegalArgumentException("rule does not parse: " + rule + ": " + e.getMessage(), e);
        }
        CelCostEstimator estimator = new CelCostEstimator(self);
        long cost = estimator.cost(expr);
        return new Estimate(cost,
                java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(estimator.unboundedReads)));
    }

    private long cost(CelExpr e) {
        return switch (e.getKind()) {
            case CONSTANT -> costConstant(e);
            case IDENT -> costIdent(e);
            case SELECT -> costSelect(e);
            case CALL -> costCall(e);
            case LIST -> costList(e);
            case MAP -> costMap(e);
            case COMPREHENSION -> costComprehension(e);
            case STRUCT -> throw new UnsupportedOperationException("message creation is not available in CRD rules");
            case NOT_SET -> 0;
        };
    }

    private long costConstant(CelExpr e) {
        types.put(e.id(), switch (e.constant().getKind()) {
            case BOOLEAN_VALUE -> Type.of(Kind.BOOL);
            case INT64_VALUE -> Type.of(Kind.INT);
            case UINT64_VALUE -> Type.of(Kind.UINT);
            case DOUBLE_VALUE -> Type.of(Kind.DOUBLE);
            case STRING_VALUE -> Type.of(Kind.STRING);
            case BYTES_VALUE -> Type.of(Kind.BYTES);
            case NULL_VALUE -> Type.of(Kind.NULL);
            case DURATION_VALUE -> Type.of(Kind.DURATION);
            case TIMESTAMP_VALUE -> Type.of(Kind.TIMESTAMP);
            default -> Type.DYN;
        });
        return 0;
    }

    private long costIdent(CelExpr e) {
        String name = e.ident().name();
        LocalVar local = peek(name);
        if (local != null) {
            paths.put(e.id(), local.path());
            types.put(e.id(), local.type());
        } else if (name.equals("self") || name.equals("oldSelf")) {
            paths.put(e.id(), List.of(name));
            types.put(e.id(), Type.of(root));
        } else {
            throw new UnsupportedOperationException("unknown identifier '" + name + "'");
        }
        return 1;
    }

    private long costSelect(CelExpr e) {
        var select = e.select();
        long sum = cost(select.operand());
        if (select.testOnly()) {
            // Kubernetes sets PresenceTestHasCost(false): has() adds nothing to its operand's cost.
            types.put(e.id(), Type.of(Kind.BOOL));
            return sum;
        }
        Type operand = type(select.operand());
        if (operand.is(Kind.OBJECT, Kind.MAP) || operand.unknown()) {
            sum = add(sum, 1);
        }
        List<String> path = new ArrayList<>(orEmpty(getPath(select.operand())));
        path.add(select.field());
        paths.put(e.id(), path);
        Type type;
        if (operand.is(Kind.OBJECT)) {
            SchemaType field = operand.schema().field(select.field());
            if (field == null) {
                throw new UnsupportedOperationException("no field '" + select.field() + "' in the schema");
            }
            type = Type.of(field);
        } else if (operand.is(Kind.MAP)) {
            type = operand.elem();
        } else {
            type = Type.DYN;
        }
        types.put(e.id(), type);
        return sum;
    }

    private long costList(CelExpr e) {
        long sum = 0;
        long itemSize = 0;
        Type elem = null;
        for (CelExpr element : e.list().elements()) {
            sum = add(sum, cost(element));
            itemSize = Math.max(itemSize, sizeOrUnknown(element));
            if (elem == null) {
                elem = type(element);
            }
        }
        entrySizes.put(e.id(), new EntrySize(Kind.LIST, 1, itemSize));
        types.put(e.id(), new Type(Kind.LIST, null, elem));
        return add(sum, LIST_CREATE_BASE_COST);
    }

    private long costMap(CelExpr e) {
        long sum = 0;
        long keySize = 0;
        long valSize = 0;
        for (var entry : e.map().entries()) {
            sum = add(sum, cost(entry.key()));
            sum = add(sum, cost(entry.value()));
            keySize = Math.max(keySize, sizeOrUnknown(entry.key()));
            valSize = Math.max(valSize, sizeOrUnknown(entry.value()));
        }
        entrySizes.put(e.id(), new EntrySize(Kind.MAP, keySize, valSize));
        types.put(e.id(), new Type(Kind.MAP, null, null));
        return add(sum, MAP_CREATE_BASE_COST);
    }

    private long costComprehension(CelExpr e) {
        var comp = e.comprehension();
        long sum = add(cost(comp.iterRange()), cost(comp.accuInit()));
        push(comp.accuVar(), new LocalVar(getPath(comp.accuInit()), computeSize(comp.accuInit()),
                computeEntrySize(comp.accuInit()), type(comp.accuInit())));

        EntrySize rangeEntries = computeEntrySize(comp.iterRange());
        Type rangeType = type(comp.iterRange());
        Kind container = rangeEntries != null ? rangeEntries.container() : rangeType.kind();
        List<String> iterPath = new ArrayList<>(orEmpty(getPath(comp.iterRange())));
        Long iterSize;
        Type iterType;
        if (container == Kind.LIST) {
            iterPath.add("@items");
            iterSize = rangeEntries == null ? null : rangeEntries.val();
            iterType = rangeType.elem() != null ? rangeType.elem() : Type.DYN;
        } else {
            iterPath.add("@keys");
            iterSize = rangeEntries == null ? null : rangeEntries.key();
            iterType = rangeType.is(Kind.MAP) ? Type.of(Kind.STRING) : Type.DYN;
        }
        push(comp.iterVar(), new LocalVar(iterPath, iterSize, null, iterType));

        long loopCost = cost(comp.loopCondition());
        long stepCost = cost(comp.loopStep());
        pop(comp.iterVar());
        // The checker knows the accumulator's element type; here the step tells it (filter and map build lists).
        LocalVar accu = pop(comp.accuVar());
        Type stepType = type(comp.loopStep());
        push(comp.accuVar(), new LocalVar(accu.path(), accu.size(), accu.entrySize(),
                stepType.unknown() ? accu.type() : stepType));
        sum = add(sum, cost(comp.result()));
        pop(comp.accuVar());

        long rangeCount = sizeOrUnknown(comp.iterRange());
        sum = add(sum, multiply(rangeCount, add(stepCost, loopCost)));

        switch (comp.accuInit().getKind()) {
            case CONSTANT -> setSize(e, computeSize(comp.accuInit()));
            case LIST, MAP -> {
                setSize(e, rangeCount);
                EntrySize step = computeEntrySize(comp.loopStep());
                if (step != null) {
                    entrySizes.put(e.id(), step);
                }
            }
            default -> {
            }
        }
        types.put(e.id(), type(comp.result()));
        return sum;
    }

    private long costCall(CelExpr e) {
        var call = e.call();
        String function = call.function();
        List<CelExpr> args = call.args();
        if (function.equals("dyn") && args.size() == 1) {
            long argCost = cost(args.get(0));
            setSize(e, computeSize(args.get(0)));
            EntrySize entries = computeEntrySize(args.get(0));
            if (entries != null) {
                entrySizes.put(e.id(), entries);
            }
            types.put(e.id(), Type.DYN);
            return add(1, argCost);
        }
        long argSum = 0;
        long[] argCost = new long[args.size()];
        for (int i = 0; i < args.size(); i++) {
            argCost[i] = cost(args.get(i));
            argSum = add(argSum, argCost[i]);
        }
        long sum = 0;
        CelExpr target = call.target().orElse(null);
        if (target != null) {
            sum = add(sum, cost(target));
        }
        types.put(e.id(), resultType(function, target, args));
        Long resultSize = null;
        long fnCost;
        switch (function) {
            case "startsWith", "endsWith" -> fnCost = add(costFactor(size(args, 0), STRING_TRAVERSAL_COST_FACTOR),
                    argSum);
            case "@in" -> {
                Type container = type(args.get(1));
                long listCost = add(sizeOrUnknown(args.get(1)), argSum);
                long mapCost = add(1, argSum);
                fnCost = container.is(Kind.LIST) ? listCost
                        : container.is(Kind.MAP) ? mapCost : Math.max(listCost, mapCost);
            }
            case "matches" -> {
                if (target != null && args.size() == 1) {
                    long strCost = costFactor(add(sizeOrUnknown(target), 1), STRING_TRAVERSAL_COST_FACTOR);
                    long regexCost = costFactor(sizeOrUnknown(args.get(0)), REGEX_STRING_LENGTH_COST_FACTOR);
                    fnCost = add(multiply(strCost, regexCost), argSum);
                } else {
                    fnCost = add(1, argSum);
                }
            }
            case "contains" -> {
                if (target != null && args.size() == 1) {
                    long strCost = costFactor(sizeOrUnknown(target), STRING_TRAVERSAL_COST_FACTOR);
                    long subCost = costFactor(sizeOrUnknown(args.get(0)), STRING_TRAVERSAL_COST_FACTOR);
                    fnCost = add(multiply(strCost, subCost), argSum);
                } else {
                    throw unsupported(function);
                }
            }
            case "_&&_", "_||_" -> fnCost = argSum;
            case "_?_:_" -> {
                fnCost = add(argCost[0], Math.max(argCost[1], argCost[2]));
                resultSize = Math.max(sizeOrUnknown(args.get(1)), sizeOrUnknown(args.get(2)));
                EntrySize left = computeEntrySize(args.get(1));
                EntrySize union = left == null ? null : left.union(computeEntrySize(args.get(2)));
                if (union != null) {
                    entrySizes.put(e.id(), union);
                }
            }
            case "_+_" -> {
                Type left = type(args.get(0));
                long size = add(sizeOrUnknown(args.get(0)), sizeOrUnknown(args.get(1)));
                long stringCost = add(costFactor(size, STRING_TRAVERSAL_COST_FACTOR), argSum);
                long constantCost = add(1, argSum);
                if (left.is(Kind.STRING, Kind.BYTES)) {
                    fnCost = stringCost;
                    resultSize = size;
                } else if (left.is(Kind.LIST)) {
                    fnCost = constantCost;
                    resultSize = size;
                    EntrySize leftEntries = computeEntrySize(args.get(0));
                    EntrySize union = leftEntries == null ? null : leftEntries.union(computeEntrySize(args.get(1)));
                    if (union != null) {
                        entrySizes.put(e.id(), union);
                    }
                } else if (left.unknown()) {
                    fnCost = Math.max(stringCost, constantCost);
                    resultSize = size;
                } else {
                    fnCost = constantCost;
                }
            }
            case "_==_", "_!=_" -> fnCost = add(equalityCost(args), argSum);
            case "_<_", "_<=_", "_>_", "_>=_" -> {
                Type left = type(args.get(0));
                long sizeCost = add(equalityCost(args), argSum);
                fnCost = left.is(Kind.STRING, Kind.BYTES) ? sizeCost
                        : left.unknown() ? Math.max(sizeCost, add(1, argSum)) : add(1, argSum);
            }
            case "_[_]" -> {
                fnCost = add(1, argSum);
                Type container = type(args.get(0));
                EntrySize entries = computeEntrySize(args.get(0));
                if (entries != null) {
                    resultSize = entries.val();
                }
                List<String> path = new ArrayList<>(orEmpty(getPath(args.get(0))));
                path.add(container.is(Kind.MAP) ? "@values" : "@items");
                paths.put(e.id(), path);
            }
            case "string" -> {
                boolean fromBytes = args.size() == 1 && type(args.get(0)).is(Kind.BYTES);
                fnCost = fromBytes ? add(costFactor(size(args, 0), STRING_TRAVERSAL_COST_FACTOR), argSum)
                        : add(1, argSum);
                if (fromBytes) {
                    resultSize = size(args, 0);
                }
            }
            case "bytes" -> {
                boolean fromString = args.size() == 1 && type(args.get(0)).is(Kind.STRING);
                fnCost = fromString ? add(costFactor(size(args, 0), STRING_TRAVERSAL_COST_FACTOR), argSum)
                        : add(1, argSum);
                if (fromString) {
                    resultSize = multiply(size(args, 0), 4);
                }
            }
            case "lowerAscii", "upperAscii", "trim", "substring" -> {
                if (target == null) {
                    throw unsupported(function);
                }
                long targetSize = sizeOrUnknown(target);
                fnCost = add(costFactor(targetSize, STRING_TRAVERSAL_COST_FACTOR), argSum);
                resultSize = targetSize;
            }
            case "isSorted", "sum", "max", "min", "indexOf", "lastIndexOf" -> {
                if (target == null) {
                    throw unsupported(function + " without a target");
                }
                if (type(target).is(Kind.LIST)) {
                    // Kubernetes' list library: 1 per item, plus 0.1 per character of string items
                    long perItem = 1;
                    Type elem = type(target).elem();
                    if (elem == null || elem.is(Kind.STRING, Kind.BYTES) || elem.unknown()) {
                        perItem = add(perItem, costFactor(itemSize(target), STRING_TRAVERSAL_COST_FACTOR));
                    }
                    fnCost = add(multiply(sizeOrUnknown(target), perItem), argSum);
                } else {
                    fnCost = add(costFactor(sizeOrUnknown(target), STRING_TRAVERSAL_COST_FACTOR), argSum);
                }
            }
            case "url" -> fnCost = add(costFactor(size(args, 0), STRING_TRAVERSAL_COST_FACTOR), argSum);
            case "split" -> {
                if (target == null) {
                    throw unsupported(function);
                }
                long targetSize = sizeOrUnknown(target);
                fnCost = add(costFactor(targetSize, 2 * STRING_TRAVERSAL_COST_FACTOR), argSum);
                resultSize = targetSize;
            }
            case "replace" -> {
                if (target == null || args.size() < 2) {
                    throw unsupported(function);
                }
                long targetSize = sizeOrUnknown(target);
                fnCost = add(costFactor(targetSize, 2 * STRING_TRAVERSAL_COST_FACTOR), argSum);
                // simplified, never smaller than Kubernetes' figure: every character (and the ends) replaced
                resultSize = add(targetSize, multiply(add(targetSize, 1), Math.max(1, size(args, 1))));
            }
            case "join" -> {
                if (target == null) {
                    throw unsupported(function);
                }
                long items = sizeOrUnknown(target);
                long size = multiply(items, itemSize(target));
                if (!args.isEmpty()) {
                    size = add(size, multiply(size(args, 0), Math.max(0, items == UNKNOWN ? UNKNOWN : items - 1)));
                }
                fnCost = add(costFactor(size, STRING_TRAVERSAL_COST_FACTOR), argSum);
                resultSize = size;
            }
            case "find", "findAll" -> {
                if (target == null || args.isEmpty()) {
                    throw unsupported(function);
                }
                long targetSize = sizeOrUnknown(target);
                long strCost = costFactor(add(targetSize, 1), STRING_TRAVERSAL_COST_FACTOR);
                long regexCost = costFactor(size(args, 0), REGEX_STRING_LENGTH_COST_FACTOR);
                fnCost = add(multiply(strCost, regexCost), argSum);
                resultSize = targetSize;
            }
            default -> {
                if (!CONSTANT_TIME.contains(function)) {
                    throw unsupported(function);
                }
                fnCost = add(1, argSum);
            }
        }
        if (resultSize == null) {
            resultSize = computeSize(e);
        }
        setSize(e, resultSize);
        return add(sum, fnCost);
    }

    /** The largest size of an item of a list: by the schema path of its items, else by the item type. */
    private long itemSize(CelExpr list) {
        List<String> path = getPath(list);
        if (path != null && !path.isEmpty()) {
            List<String> items = new ArrayList<>(path);
            items.add("@items");
            Long size = estimateSize(items);
            if (size != null) {
                return size;
            }
        }
        Type elem = type(list).elem();
        return elem != null && elem.scalar() ? 1 : UNKNOWN;
    }

    private static UnsupportedOperationException unsupported(String function) {
        return new UnsupportedOperationException("function '" + function + "' is not modelled by "
                + CelCostEstimator.class.getSimpleName() + "; add its cost from cel-go or Kubernetes' CEL library");
    }

    private Type resultType(String function, CelExpr target, List<CelExpr> args) {
        return switch (function) {
            case "_&&_", "_||_", "!_", "@not_strictly_false", "@in", "matches", "startsWith", "endsWith", "contains",
                    "_==_", "_!=_", "_<_", "_<=_", "_>_", "_>=_", "bool", "isSorted", "isURL", "isQuantity",
                    "isInteger", "isGreaterThan", "isLessThan" -> Type.of(Kind.BOOL);
            case "sum", "min", "max" -> target != null && type(target).elem() != null ? type(target).elem() : Type.DYN;
            case "split", "findAll" -> new Type(Kind.LIST, null, Type.of(Kind.STRING));
            case "size", "int", "indexOf", "lastIndexOf", "getSeconds", "getMilliseconds", "getMinutes", "getHours",
                    "getFullYear", "getMonth", "getDayOfYear", "getDayOfMonth", "getDate", "getDayOfWeek" ->
                Type.of(Kind.INT);
            case "uint" -> Type.of(Kind.UINT);
            case "double" -> Type.of(Kind.DOUBLE);
            case "string", "lowerAscii", "upperAscii", "trim", "substring", "replace", "join", "find", "getScheme",
                    "getHost", "getHostname", "getPort", "getEscapedPath" -> Type.of(Kind.STRING);
            case "bytes" -> Type.of(Kind.BYTES);
            case "duration" -> Type.of(Kind.DURATION);
            case "timestamp" -> Type.of(Kind.TIMESTAMP);
            case "type" -> Type.of(Kind.TYPE);
            case "_?_:_" -> type(args.get(1)).unknown() ? type(args.get(2)) : type(args.get(1));
            case "_[_]" -> {
                Type container = type(args.get(0));
                yield container.elem() != null ? container.elem() : Type.DYN;
            }
            case "_+_" -> {
                Type left = type(args.get(0));
                if (left.is(Kind.LIST) && left.elem() == null) {
                    Type right = type(args.get(1));
                    yield right.is(Kind.LIST) ? right : left;
                }
                yield left;
            }
            case "_-_", "_*_", "_/_", "_%_", "-_" -> type(args.get(0));
            default -> Type.DYN;
        };
    }

    /** cel-go: equality and string comparison cost 0.1 per element of the smaller of the two largest sizes. */
    private long equalityCost(List<CelExpr> args) {
        long smallestMax = Math.min(sizeOrUnknown(args.get(0)), sizeOrUnknown(args.get(1)));
        return costFactor(smallestMax, STRING_TRAVERSAL_COST_FACTOR);
    }

    private long size(List<CelExpr> args, int index) {
        return sizeOrUnknown(args.get(index));
    }

    private Type type(CelExpr e) {
        return types.getOrDefault(e.id(), Type.DYN);
    }

    private List<String> getPath(CelExpr e) {
        if (e.getKind() == CelExpr.ExprKind.Kind.IDENT) {
            LocalVar local = peek(e.ident().name());
            if (local != null) {
                return local.path();
            }
        }
        return paths.get(e.id());
    }

    private long sizeOrUnknown(CelExpr e) {
        Long size = computeSize(e);
        return size == null ? UNKNOWN : size;
    }

    private void setSize(CelExpr e, Long size) {
        if (size != null) {
            sizes.put(e.id(), size);
        }
    }

    private Long computeSize(CelExpr e) {
        Long known = sizes.get(e.id());
        if (known != null) {
            return known;
        }
        Long literal = literalSize(e);
        if (literal != null) {
            return literal;
        }
        List<String> path = getPath(e);
        if (path != null && !path.isEmpty()) {
            Long estimated = estimateSize(path);
            if (estimated != null) {
                sizes.put(e.id(), estimated);
                return estimated;
            }
        }
        if (type(e).scalar()) {
            return 1L;
        }
        if (e.getKind() == CelExpr.ExprKind.Kind.IDENT) {
            LocalVar local = peek(e.ident().name());
            if (local != null && local.size() != null) {
                return local.size();
            }
        }
        return null;
    }

    /** apiextensions-apiserver's size estimator: walk the schema from self by the path, skipping its first name. */
    private Long estimateSize(List<String> path) {
        SchemaType node = root;
        for (String name : path.subList(1, path.size())) {
            switch (name) {
                case "@items", "@values" -> node = node.elem();
                case "@keys" -> {
                    if (node.kind() != SchemaType.Kind.MAP) {
                        return null;
                    }
                    return SchemaType.MAX_REQUEST_SIZE_BYTES - 2;
                }
                default -> node = node.field(name);
            }
            if (node == null) {
                return null;
            }
        }
        if (!node.bounded()) {
            unboundedReads.add("self" + String.join("", path.subList(1, path.size()).stream()
                    .map(name -> name.startsWith("@") ? "[]" : "." + name).toList()));
        }
        return node.maxElements();
    }

    private static Long literalSize(CelExpr e) {
        switch (e.getKind()) {
            case CONSTANT -> {
                CelConstant constant = e.constant();
                return switch (constant.getKind()) {
                    case STRING_VALUE -> (long) constant.stringValue().codePointCount(0,
                            constant.stringValue().length());
                    case BYTES_VALUE -> (long) constant.bytesValue().size();
                    case BOOLEAN_VALUE, DOUBLE_VALUE, DURATION_VALUE, INT64_VALUE, TIMESTAMP_VALUE, UINT64_VALUE,
                            NULL_VALUE -> 1L;
                    default -> null;
                };
            }
            case LIST -> {
                return (long) e.list().elements().size();
            }
            case MAP -> {
                return (long) e.map().entries().size();
            }
            default -> {
                return null;
            }
        }
    }

    private EntrySize computeEntrySize(CelExpr e) {
        EntrySize known = entrySizes.get(e.id());
        if (known != null) {
            return known;
        }
        if (e.getKind() == CelExpr.ExprKind.Kind.IDENT) {
            LocalVar local = peek(e.ident().name());
            if (local != null) {
                return local.entrySize();
            }
        }
        return null;
    }

    private void push(String name, LocalVar local) {
        locals.computeIfAbsent(name, n -> new ArrayDeque<>()).push(local);
    }

    private LocalVar pop(String name) {
        return locals.get(name).pop();
    }

    private LocalVar peek(String name) {
        Deque<LocalVar> stack = locals.get(name);
        return stack == null ? null : stack.peek();
    }

    private static List<String> orEmpty(List<String> path) {
        return path == null ? List.of() : path;
    }

    static long add(long a, long b) {
        long sum = a + b;
        return (sum < 0 || sum < a) ? UNKNOWN : sum;
    }

    static long multiply(long a, long b) {
        if (a == 0 || b == 0) {
            return 0;
        }
        return a > UNKNOWN / b ? UNKNOWN : a * b;
    }

    /** cel-go's multiplyByCostFactor: the product rounded up, saturating. */
    static long costFactor(long size, double factor) {
        if (size == UNKNOWN) {
            return UNKNOWN;
        }
        double product = Math.ceil(size * factor);
        return product >= (double) UNKNOWN ? UNKNOWN : (long) product;
    }
}
