package io.linkguard.config;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A YAML mapping of the config being read. Reports keys that are not plain scalars and duplicate keys
 * when created, unknown keys on {@link #allowOnly}, and missing keys on {@link #required}.
 */
public final class YamlMapping {

    private final Field self;
    private final ConfigProblems problems;
    /** Key name to the field of its value, in document order; the first occurrence of a duplicate wins. */
    private final Map<String, Field> values = new LinkedHashMap<>();
    /** Key name to the line of the key itself. */
    private final Map<String, Integer> keyLines = new LinkedHashMap<>();

    private YamlMapping(Field self, ConfigProblems problems) {
        this.self = self;
        this.problems = problems;
        for (NodeTuple tuple : ((MappingNode) self.node()).getValue()) {
            int keyLine = Field.line(tuple.getKeyNode());
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                problems.add(keyLine, self.key(),
                        "keys must be plain names, got " + YamlValues.describe(tuple.getKeyNode()));
                continue;
            }
            String name = keyNode.getValue();
            Integer first = keyLines.putIfAbsent(name, keyLine);
            if (first != null) {
                problems.add(keyLine, self.childPath(name), "duplicate key (first at line " + first + ")");
                continue;
            }
            values.put(name, self.child(name, keyNode, tuple.getValueNode()));
        }
    }

    /** The mapping at {@code field}, or empty (after reporting it) if the node is not a mapping. */
    public static Optional<YamlMapping> of(Field field, ConfigProblems problems) {
        if (field.node() instanceof MappingNode) {
            return Optional.of(new YamlMapping(field, problems));
        }
        problems.add(field, "expected a mapping of keys to values, got " + YamlValues.describe(field.node()));
        return Optional.empty();
    }

    public Field self() {
        return self;
    }

    /** Reports every key not in {@code allowed}; {@code what} ends the message, e.g. " for a tcp probe". */
    public void allowOnly(Collection<String> allowed, String what) {
        allowOnly(allowed, Set.of(), what);
    }

    /** Like {@link #allowOnly(Collection, String)}, also allowing {@code hidden} but naming only {@code allowed}. */
    public void allowOnly(Collection<String> allowed, Set<String> hidden, String what) {
        keyLines.forEach((name, line) -> {
            if (name.equals("<<")) {
                problems.add(line, self.childPath(name), "YAML merge keys are not supported");
            } else if (!allowed.contains(name) && !hidden.contains(name)) {
                problems.add(line, self.childPath(name),
                        "unknown key" + what + " (expected one of: " + String.join(", ", allowed) + ")");
            }
        });
    }

    public void allowOnly(Collection<String> allowed) {
        allowOnly(allowed, "");
    }

    /** The value of {@code name}, if the key is present. */
    public Optional<Field> optional(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** The value of {@code name}; reports a missing key (at the line of this mapping) if absent. */
    public Optional<Field> required(String name) {
        Optional<Field> value = optional(name);
        if (value.isEmpty()) {
            problems.add(self.line(), self.childPath(name), "required key is missing");
        }
        return value;
    }
}
