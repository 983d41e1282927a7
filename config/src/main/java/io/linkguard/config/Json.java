package io.linkguard.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The few JSON bits the schema needs: ordered objects and a writer of maps, lists and scalars. */
public final class Json {

    private Json() {
    }

    /** An ordered, mutable object from alternating keys and values. */
    public static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** {@code schema}, also allowing an empty value ({@code key:} alone), e.g. for a section of defaults. */
    public static Map<String, Object> nullable(Map<String, Object> schema) {
        schema.put("type", List.of(schema.get("type"), "null"));
        return schema;
    }

    /** {@code value} as indented JSON. */
    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(value, "", sb);
        return sb.append('\n').toString();
    }

    private static void write(Object value, String indent, StringBuilder sb) {
        String inner = indent + "  ";
        switch (value) {
            case Map<?, ?> map when map.isEmpty() -> sb.append("{}");
            case Map<?, ?> map -> {
                sb.append("{\n");
                int i = 0;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    sb.append(inner);
                    string(e.getKey().toString(), sb);
                    sb.append(": ");
                    write(e.getValue(), inner, sb);
                    sb.append(++i < map.size() ? ",\n" : "\n");
                }
                sb.append(indent).append('}');
            }
            case List<?> list -> {
                sb.append('[');
                for (int i = 0; i < list.size(); i++) {
                    sb.append(i == 0 ? "" : ", ");
                    write(list.get(i), inner, sb);
                }
                sb.append(']');
            }
            case String s -> string(s, sb);
            case Number _, Boolean _ -> sb.append(value);
            default -> throw new IllegalArgumentException("not JSON: " + value.getClass());
        }
    }

    private static void string(String s, StringBuilder sb) {
        sb.append('"');
        s.chars().forEach(c -> {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c < 0x20 ? String.format("\\u%04x", c) : String.valueOf((char) c));
            }
        });
        sb.append('"');
    }
}
