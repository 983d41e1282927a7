package io.linkguard.agent.config;

import io.linkguard.config.Field;
import io.linkguard.config.Key;
import io.linkguard.config.ConfigProblems;
import io.linkguard.config.Section.Values;
import io.linkguard.config.YamlMapping;
import io.linkguard.config.YamlValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads a {@code type: exec} action: its argv, {@code env:} and timeout, within the bounds of
 * execve(2) that an operator can reason about (see {@link io.linkguard.config.DocumentLimits} for the document-wide ones).
 */
final class ExecActionParser {

    /** Most arguments, program included. */
    static final int MAX_ARGV_ITEMS = 256;
    /** Most characters in all arguments together (Linux allows 2 MiB of argv and environment). */
    static final int MAX_ARGV_CHARS = 128 * 1024;
    /** Most {@code env:} variables. */
    static final int MAX_ENV_ENTRIES = 64;
    /** Most characters in all {@code NAME=value} strings of {@code env:} together. */
    static final int MAX_ENV_CHARS = 32 * 1024;
    /** POSIX portable names; LINKGUARD_* is the event's and cannot be set here. */
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final String RESERVED_PREFIX = "LINKGUARD_";

    private final ConfigProblems problems;

    ExecActionParser(ConfigProblems problems) {
        this.problems = problems;
    }

    Optional<ExecActionConfig> parse(YamlMapping action) {
        Values v = ExecActionConfig.SECTION.bind(action, problems, Map.of(
                ExecActionConfig.ARGV, (Key.Reader<List<String>>) (field, p) -> Optional.of(argv(field)),
                ExecActionConfig.ENV, (Key.Reader<Map<String, String>>) (field, p) -> Optional.of(env(field))));
        return v.get(ExecActionConfig.TIMEOUT).map(timeout -> new ExecActionConfig(
                v.get(ExecActionConfig.ARGV).orElse(List.of()), v.value(ExecActionConfig.ENV), timeout));
    }

    private List<String> argv(Field field) {
        List<String> argv = new ArrayList<>();
        YamlValues.list(field, problems).ifPresent(items -> {
            if (items.isEmpty()) {
                problems.add(field, "at least the program is required");
            }
            if (items.size() > MAX_ARGV_ITEMS) {
                problems.add(field, "has " + items.size() + " arguments (at most " + MAX_ARGV_ITEMS + ")");
                return;
            }
            long chars = 0;
            for (int i = 0; i < items.size(); i++) {
                Optional<String> arg = argument(items.get(i), i == 0);
                arg.ifPresent(argv::add);
                chars += arg.map(String::length).orElse(0);
            }
            if (chars > MAX_ARGV_CHARS) {
                problems.add(field, "arguments are " + chars + " characters long together (at most "
                        + MAX_ARGV_CHARS + ")");
            }
        });
        return argv;
    }

    /** The program must be an absolute path; later arguments may be anything, even empty, but not NUL. */
    private Optional<String> argument(Field item, boolean program) {
        Optional<String> value = !program && item.node() instanceof ScalarNode scalar && !YamlValues.isNull(scalar)
                ? Optional.of(scalar.getValue())
                : YamlValues.text(item, problems);
        return value.filter(text -> {
            if (text.indexOf('\0') >= 0) {
                problems.add(item, "must not contain a NUL character (execve(2) cannot pass it)");
                return false;
            }
            if (!program || text.startsWith("/")) {
                return true;
            }
            problems.add(item, "must be an absolute path (got " + YamlValues.quote(text)
                    + "): programs run without a shell or PATH lookup");
            return false;
        });
    }

    /** {@code NAME: value} pairs, values taken literally; an empty value ({@code NAME:}) sets "". */
    private Map<String, String> env(Field field) {
        Map<String, String> env = new LinkedHashMap<>();
        if (YamlValues.isNull(field.node())) {
            return env;
        }
        Optional<YamlMapping> mapping = YamlMapping.of(field, problems);
        if (mapping.isEmpty()) {
            return env;
        }
        List<NodeTuple> tuples = ((MappingNode) field.node()).getValue();
        if (tuples.size() > MAX_ENV_ENTRIES) {
            problems.add(field, "has " + tuples.size() + " variables (at most " + MAX_ENV_ENTRIES + ")");
            return env;
        }
        long chars = 0;
        for (NodeTuple t : tuples) {
            if (!(t.getKeyNode() instanceof ScalarNode key)) {
                continue; // reported by YamlMapping
            }
            String name = key.getValue();
            Optional<Field> value = mapping.get().optional(name);
            if (value.isEmpty() || env.containsKey(name)) {
                continue; // a duplicate, reported by YamlMapping
            }
            if (!ENV_NAME.matcher(name).matches()) {
                problems.add(value.get(), "not a valid environment variable name (use letters, digits and '_', "
                        + "not starting with a digit, at most 128 characters)");
            } else if (name.startsWith(RESERVED_PREFIX)) {
                problems.add(value.get(), "LINKGUARD_* variables describe the event and cannot be set here");
            } else {
                envValue(value.get()).ifPresent(v -> env.put(name, v));
                chars += name.length() + 1 + env.getOrDefault(name, "").length();
            }
        }
        if (chars > MAX_ENV_CHARS) {
            problems.add(field, "variables are " + chars + " characters long together (at most " + MAX_ENV_CHARS
                    + ")");
        }
        return env;
    }

    private Optional<String> envValue(Field field) {
        if (YamlValues.isNull(field.node())) {
            return Optional.of("");
        }
        if (!(field.node() instanceof ScalarNode scalar)) {
            problems.add(field, "expected a single value, got " + YamlValues.describe(field.node()));
            return Optional.empty();
        }
        if (scalar.getValue().indexOf('\0') >= 0) {
            problems.add(field, "must not contain a NUL character (execve(2) cannot pass it)");
            return Optional.empty();
        }
        return Optional.of(scalar.getValue());
    }
}
