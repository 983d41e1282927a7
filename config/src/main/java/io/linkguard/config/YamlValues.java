package io.linkguard.config;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed reading of YAML values: each method reports a problem and returns empty when the value does
 * not have the expected YAML type. Integers and booleans must be unquoted; strings may be quoted.
 */
public final class YamlValues {

    /** Decimal without leading zeros (an octal trap), or 0x hex. */
    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)|0[xX][0-9a-fA-F]+");

    private YamlValues() {
    }

    /** The text of a scalar; reports lists, mappings and empty ({@code null}) values. */
    public static Optional<String> text(Field field, ConfigProblems problems) {
        if (!(field.node() instanceof ScalarNode scalar)) {
            problems.add(field, "expected a single value, got " + describe(field.node()));
            return Optional.empty();
        }
        if (isNull(scalar) || scalar.getValue().isEmpty()) {
            problems.add(field, "needs a value");
            return Optional.empty();
        }
        return Optional.of(scalar.getValue());
    }

    /** A whole number, decimal or {@code 0x} hex, unquoted. */
    public static Optional<BigInteger> integer(Field field, ConfigProblems problems) {
        Optional<String> text = text(field, problems);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String value = text.get();
        if (!INTEGER.matcher(value).matches()) {
            problems.add(field, "must be a whole number (got " + quote(value) + ")");
            return Optional.empty();
        }
        if (isQuoted(field)) {
            problems.add(field, "must be a number, not a quoted string (got " + quote(value) + ")");
            return Optional.empty();
        }
        boolean hex = value.startsWith("0x") || value.startsWith("0X");
        return Optional.of(hex ? new BigInteger(value.substring(2), 16) : new BigInteger(value));
    }

    /**
     * A whole number in {@code min..max}; {@code qualifier} is appended to the range in the message
     * (e.g. " for an IPv4 peer"); {@code hex} shows the bounds in hex.
     */
    public static Optional<Long> integer(Field field, long min, long max, String qualifier, boolean hex,
                                  ConfigProblems problems) {
        Optional<BigInteger> value = integer(field, problems);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        BigInteger v = value.get();
        if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
            String range = hex
                    ? min + " and 0x" + Long.toHexString(max)
                    : min + " and " + max;
            problems.add(field, "must be between " + range + qualifier + " (got " + scalarText(field) + ")");
            return Optional.empty();
        }
        return Optional.of(v.longValueExact());
    }

    /** {@code true} or {@code false}, unquoted; YAML 1.1 spellings like {@code yes} or {@code on} are rejected. */
    public static Optional<Boolean> bool(Field field, ConfigProblems problems) {
        Optional<String> text = text(field, problems);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String value = text.get();
        if (!isQuoted(field) && (value.equals("true") || value.equals("false"))) {
            return Optional.of(value.equals("true"));
        }
        boolean quotedBool = isQuoted(field) && (value.equals("true") || value.equals("false"));
        problems.add(field, "must be true or false" + (quotedBool ? " without quotes" : "") + " (got " + quote(value) + ")");
        return Optional.empty();
    }

    /** The items of a list; an empty value ({@code key:} alone) counts as an empty list. */
    public static Optional<List<Field>> list(Field field, ConfigProblems problems) {
        if (field.node() instanceof ScalarNode scalar && isNull(scalar)) {
            return Optional.of(List.of());
        }
        if (!(field.node() instanceof SequenceNode sequence)) {
            problems.add(field, "expected a list, got " + describe(field.node()));
            return Optional.empty();
        }
        List<Field> items = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            items.add(field.item(items.size(), item));
        }
        return Optional.of(items);
    }

    /** An empty value: {@code key:} with nothing after it, {@code ~} or {@code null}, unquoted. */
    public static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar
                && scalar.getTag().equals(Tag.NULL)
                && scalar.getScalarStyle() == ScalarStyle.PLAIN;
    }

    /** The node in words, for "expected ..., got ..." messages. */
    public static String describe(Node node) {
        return switch (node) {
            case MappingNode _ -> "a mapping";
            case SequenceNode _ -> "a list";
            case ScalarNode s when isNull(s) -> "an empty value";
            case ScalarNode s -> quote(s.getValue());
            default -> "a " + node.getNodeId();
        };
    }

    /** The text of a scalar as written, for "(got ...)". */
    public static String scalarText(Field field) {
        return field.node() instanceof ScalarNode s ? s.getValue() : describe(field.node());
    }

    /** {@code "value"} with quotes and control characters escaped, shortened if very long. */
    public static String quote(String value) {
        String shown = value.length() > 80 ? value.substring(0, 77) + "..." : value;
        StringBuilder sb = new StringBuilder("\"");
        shown.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        sb.append(String.format("\\u%04x", c));
                    } else {
                        sb.appendCodePoint(c);
                    }
                }
            }
        });
        return sb.append('"').toString();
    }

    private static boolean isQuoted(Field field) {
        return field.node() instanceof ScalarNode s && s.getScalarStyle() != ScalarStyle.PLAIN;
    }
}
