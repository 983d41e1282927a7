package io.linkguard.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One key of a config mapping, declared once: its name, the doc line shown in the JSON Schema, its
 * default, how its value is read and checked, and the schema of that value. A {@link Section} lists the
 * keys of one mapping and binds them.
 *
 * @param <T> the type of the value
 */
public final class Key<T> {

    /** Reads one value, reporting problems; empty if it is invalid. */
    @FunctionalInterface
    public interface Reader<T> {
        Optional<T> read(Field field, ConfigProblems problems);
    }

    /** A JSON Schema pattern of {@link Durations#parse}'s input. */
    public static final String DURATION_PATTERN = "^[0-9]{1,15}(us|ms|s|m|h)$";

    private final String name;
    private final String doc;
    private final T fallback;
    private final boolean required;
    private final Reader<T> reader;
    private final Map<String, Object> schema;

    private Key(String name, String doc, T fallback, boolean required, Reader<T> reader, Map<String, Object> schema) {
        this.name = name;
        this.doc = doc;
        this.fallback = fallback;
        this.required = required;
        this.reader = reader;
        this.schema = schema;
    }

    /**
     * A key read by {@code reader}; {@code fallback} (may be null: no default) is its value when absent.
     *
     * @param schema the JSON Schema of the value, without {@code description}
     */
    public static <T> Key<T> of(String name, T fallback, Reader<T> reader, Map<String, Object> schema, String doc) {
        return new Key<>(name, doc, fallback, false, reader, schema);
    }

    /** A duration in {@code min..max}. */
    public static Key<Duration> duration(String name, Duration fallback, Duration min, Duration max, String doc) {
        Map<String, Object> schema = Json.object("type", "string", "pattern", DURATION_PATTERN);
        return of(name, fallback, (field, problems) -> Durations.read(field, problems).filter(value -> {
            String got = YamlValues.scalarText(field);
            if (value.compareTo(min) < 0) {
                problems.add(field, "must be at least " + Durations.format(min) + " (got " + got + ")");
                return false;
            }
            if (value.compareTo(max) > 0) {
                problems.add(field, "must be at most " + Durations.format(max) + " (got " + got + ")");
                return false;
            }
            return true;
        }), schema, doc + " (" + Durations.format(min) + " to " + Durations.format(max)
                + (fallback == null ? "" : ", default " + Durations.format(fallback)) + ")");
    }

    /** A whole number in {@code min..max}. */
    public static Key<Integer> integer(String name, Integer fallback, int min, int max, String doc) {
        return whole(name, fallback == null ? null : fallback.longValue(), min, max, "", false, doc)
                .map(Long::intValue, fallback);
    }

    /**
     * The schema of a whole number in {@code min..max}: unquoted, decimal or {@code 0x} hex, which a YAML
     * 1.2 reader may hand over as a string.
     */
    public static Map<String, Object> wholeSchema(long min, long max) {
        return Json.object("type", List.of("integer", "string"), "pattern", "^0[xX][0-9a-fA-F]+$",
                "minimum", min, "maximum", max);
    }

    /**
     * A whole number in {@code min..max}; {@code qualifier} ends the range in messages (e.g. " bytes"),
     * {@code hex} shows the upper bound in hex.
     */
    public static Key<Long> whole(String name, Long fallback, long min, long max, String qualifier, boolean hex,
                                  String doc) {
        return of(name, fallback, (field, problems) -> YamlValues.integer(field, min, max, qualifier, hex, problems),
                wholeSchema(min, max), doc);
    }

    /** {@code true} or {@code false}. */
    public static Key<Boolean> bool(String name, boolean fallback, String doc) {
        return of(name, fallback, YamlValues::bool, Json.object("type", "boolean"), doc);
    }

    /** Any non-empty text. */
    public static Key<String> text(String name, String fallback, String doc) {
        return of(name, fallback, YamlValues::text, Json.object("type", "string", "minLength", 1), doc);
    }

    /** A ratio 0..1, written {@code 5%} or {@code 0.05}. */
    public static Key<Double> ratio(String name, double fallback, String doc) {
        return of(name, fallback, Ratios::read, Json.object("type", List.of("string", "number"),
                "pattern", "^[0-9]+(\\.[0-9]+)?%$", "minimum", 0, "maximum", 1), doc);
    }

    /**
     * One of {@code values}, written as its label. {@code what} names it in the message of an unknown
     * label, {@code unknown WHAT "x" (expected one of: a, b)}; with {@code what} null the message is
     * {@code must be a or b (got "x")}.
     */
    @SafeVarargs
    public static <E> Key<E> label(String name, E fallback, Function<E, String> label, String what, String doc,
                                   E... values) {
        List<String> labels = Arrays.stream(values).map(label).toList();
        Reader<E> reader = (field, problems) -> YamlValues.text(field, problems).flatMap(text -> {
            Optional<E> match = Arrays.stream(values).filter(v -> label.apply(v).equals(text)).findFirst();
            if (match.isEmpty()) {
                problems.add(field, what == null
                        ? "must be " + String.join(" or ", labels) + " (got " + YamlValues.quote(text) + ")"
                        : "unknown " + what + " " + YamlValues.quote(text) + " (expected one of: "
                                + String.join(", ", labels) + ")");
            }
            return match;
        });
        return of(name, fallback, reader, Json.object("type", "string", "enum", labels), doc);
    }

    /** The same key read as {@code T} and mapped to {@code R}. */
    public <R> Key<R> map(Function<T, R> mapper, R fallback) {
        Reader<T> inner = reader;
        return new Key<>(name, doc, fallback, required,
                inner == null ? null : (field, problems) -> inner.read(field, problems).map(mapper), schema);
    }

    /** This key, but it must be present. */
    public Key<T> required() {
        return new Key<>(name, doc, null, true, reader, schema);
    }

    /**
     * This key, declared (allowed, in the schema) but read by the section's own code, because its bounds
     * or its default depend on other keys or on the enclosing link.
     */
    public Key<T> readByCaller() {
        return new Key<>(name, doc, fallback, required, null, schema);
    }

    public String name() {
        return name;
    }

    public boolean isRequired() {
        return required;
    }

    /** The value when the key is absent, if it has one. */
    public Optional<T> fallback() {
        return Optional.ofNullable(fallback);
    }

    /** Reads {@code field} with the declared reader, e.g. inside a caller's reader that adds a rule. */
    public Optional<T> read(Field field, ConfigProblems problems) {
        return reader().orElseThrow(() -> new IllegalStateException(name + " is read by the caller"))
                .read(field, problems);
    }

    Optional<Reader<T>> reader() {
        return Optional.ofNullable(reader);
    }

    /** The JSON Schema of the value, with the doc line as {@code description} and the default, if any. */
    public Map<String, Object> schema() {
        Map<String, Object> result = new LinkedHashMap<>(schema);
        result.put("description", doc);
        if (fallback instanceof Duration d) {
            result.put("default", Durations.format(d));
        } else if (fallback instanceof Number || fallback instanceof Boolean || fallback instanceof String) {
            result.put("default", fallback);
        }
        return result;
    }

    /** The schema of a list of {@code items}. */
    public static Map<String, Object> listOf(Map<String, Object> items, int minItems) {
        return Json.object("type", "array", "items", items, "minItems", minItems);
    }
}
