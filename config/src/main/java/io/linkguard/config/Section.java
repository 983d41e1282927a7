package io.linkguard.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The keys of one config mapping. Binding reports unknown keys (naming the allowed ones), then reads
 * every present key in declaration order, so problems come out in the order the keys are declared.
 * Rules between keys stay with the caller, which runs them on the bound {@link Values}.
 */
public final class Section {

    private final String what;
    private final List<Key<?>> keys;
    /** Keys allowed but not named as expected, because the caller reports them with a message of their own. */
    private final Set<String> hidden;

    /**
     * @param what ends the unknown-key message, e.g. {@code " for health"}; empty at the top level
     */
    public Section(String what, Key<?>... keys) {
        this(what, Set.of(), List.of(keys));
    }

    private Section(String what, Set<String> hidden, List<Key<?>> keys) {
        this.what = what;
        this.hidden = hidden;
        this.keys = keys;
    }

    /** This section plus {@code more} keys. */
    public Section with(List<? extends Key<?>> more) {
        List<Key<?>> all = new ArrayList<>(keys);
        all.addAll(more);
        return new Section(what, hidden, List.copyOf(all));
    }

    /** This section, also allowing {@code names} without naming them as expected (e.g. inline secrets). */
    public Section hiding(Set<String> names) {
        return new Section(what, Set.copyOf(names), keys);
    }

    public List<Key<?>> keys() {
        return keys;
    }

    public List<String> names() {
        return keys.stream().map(Key::name).toList();
    }

    /** Binds the mapping at {@code field}; empty (after reporting it) if it is not a mapping. */
    public Optional<Values> bind(Field field, ConfigProblems problems) {
        return YamlMapping.of(field, problems).map(mapping -> bind(mapping, problems));
    }

    /** Binds {@code mapping}, e.g. after the caller looked at its {@code type:} to choose this section. */
    public Values bind(YamlMapping mapping, ConfigProblems problems) {
        return bind(mapping, problems, Map.of());
    }

    /**
     * Binds {@code mapping}, reading the keys in {@code readers} with the given reader instead of the
     * declared one (for keys whose bounds depend on the enclosing link); keys without any reader are
     * left to the caller.
     */
    public Values bind(YamlMapping mapping, ConfigProblems problems, Map<Key<?>, Key.Reader<?>> readers) {
        int before = problems.count();
        mapping.allowOnly(names(), hidden, what);
        Map<String, Optional<?>> read = new HashMap<>();
        for (Key<?> key : keys) {
            Optional<Field> field = key.isRequired() ? mapping.required(key.name()) : mapping.optional(key.name());
            Optional<? extends Key.Reader<?>> reader = Optional.<Key.Reader<?>>ofNullable(readers.get(key))
                    .or(() -> key.reader().map(r -> r));
            reader.ifPresent(r -> read.put(key.name(),
                    field.isPresent() ? r.read(field.get(), problems) : key.fallback()));
        }
        return new Values(mapping, problems, before, read);
    }

    /** Binds the mapping at {@code field} with {@code readers}; see {@link #bind(YamlMapping, ConfigProblems, Map)}. */
    public Optional<Values> bind(Field field, ConfigProblems problems, Map<Key<?>, Key.Reader<?>> readers) {
        return YamlMapping.of(field, problems).map(mapping -> bind(mapping, problems, readers));
    }

    /**
     * The JSON Schema (draft 2020-12) of this mapping: its keys, the required ones, nothing else.
     *
     * @param overrides schemas that replace the declared ones, by key (e.g. {@code type} as a constant)
     */
    public Map<String, Object> schema(Map<String, Map<String, Object>> overrides) {
        Map<String, Object> properties = new LinkedHashMap<>();
        keys.forEach(key -> properties.put(key.name(), overrides.getOrDefault(key.name(), key.schema())));
        List<String> required = keys.stream().filter(Key::isRequired).map(Key::name).toList();
        Map<String, Object> schema = Json.object("type", "object", "properties", properties,
                "additionalProperties", false);
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        return schema;
    }

    public Map<String, Object> schema() {
        return schema(Map.of());
    }

    /** The values of a bound mapping. */
    public static final class Values {

        private final YamlMapping mapping;
        private final ConfigProblems problems;
        private final int before;
        private final Map<String, Optional<?>> read;

        private Values(YamlMapping mapping, ConfigProblems problems, int before, Map<String, Optional<?>> read) {
            this.mapping = mapping;
            this.problems = problems;
            this.before = before;
            this.read = read;
        }

        /** The value: read if present, the default if absent; empty if invalid, or absent without default. */
        @SuppressWarnings("unchecked")
        public <T> Optional<T> get(Key<T> key) {
            Optional<?> value = read.get(key.name());
            if (value == null) {
                throw new IllegalArgumentException(key.name() + " is read by the caller, or not of this section");
            }
            return (Optional<T>) value;
        }

        /** The value of a key known to be valid (after {@link #valid()}), or its default. */
        public <T> T value(Key<T> key) {
            return get(key).orElseThrow();
        }

        /** Whether every one of {@code keys} has a value (valid, or a default). */
        public boolean all(Key<?>... keys) {
            return java.util.Arrays.stream(keys).allMatch(key -> get(key).isPresent());
        }

        /** The field of the key, if present. */
        public Optional<Field> field(Key<?> key) {
            return mapping.optional(key.name());
        }

        public YamlMapping mapping() {
            return mapping;
        }

        /** Whether no problem was reported since binding began (including the caller's own checks). */
        public boolean valid() {
            return problems.count() == before;
        }
    }
}
