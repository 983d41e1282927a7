package io.linkguard.agent.config;

import io.linkguard.config.Field;
import io.linkguard.config.Problems;
import io.linkguard.config.YamlMapping;
import io.linkguard.config.YamlValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads a link's {@code paths:} list and each path's actions; see {@link PathConfig}. */
final class PathParser {

    static final List<String> KEYS = List.of("name", "actions");
    /** Path names end up as metric label values, like link names. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,62}");

    private final Problems problems;
    private final ActionParser actions;

    PathParser(Problems problems) {
        this.problems = problems;
        this.actions = new ActionParser(problems);
    }

    /** The paths at {@code field}; empty if any problem was reported. */
    Optional<List<PathConfig>> parse(Field field) {
        Optional<List<Field>> items = YamlValues.list(field, problems);
        if (items.isEmpty()) {
            return Optional.empty();
        }
        int before = problems.count();
        if (items.get().size() < 2) {
            problems.add(field, "at least 2 paths are required: the primary (the tunnel) first, then the backup");
        }
        Map<String, Integer> nameLines = new HashMap<>();
        List<PathConfig> paths = new ArrayList<>();
        for (Field item : items.get()) {
            path(item, nameLines).ifPresent(paths::add);
        }
        return problems.count() == before ? Optional.of(paths) : Optional.empty();
    }

    private Optional<PathConfig> path(Field item, Map<String, Integer> nameLines) {
        Optional<YamlMapping> maybe = YamlMapping.of(item, problems);
        if (maybe.isEmpty()) {
            return Optional.empty();
        }
        YamlMapping path = maybe.get();
        path.allowOnly(KEYS, " for a path");
        Optional<String> name = path.required("name").flatMap(f -> name(f, nameLines));
        List<ActionConfig> parsed = new ArrayList<>();
        boolean valid = path.required("actions").flatMap(f -> YamlValues.list(f, problems).map(list -> {
            if (list.isEmpty()) {
                problems.add(f, "at least one action is required");
                return false;
            }
            boolean all = true;
            for (Field action : list) {
                Optional<ActionConfig> one = actions.parse(action);
                one.ifPresent(parsed::add);
                all &= one.isPresent();
            }
            return all;
        })).orElse(false);
        return name.isPresent() && valid ? Optional.of(new PathConfig(name.get(), parsed)) : Optional.empty();
    }

    private Optional<String> name(Field field, Map<String, Integer> nameLines) {
        return YamlValues.text(field, problems).filter(name -> {
            if (!NAME.matcher(name).matches()) {
                problems.add(field, "not a valid path name: " + YamlValues.quote(name) + " (use 1 to 63 lowercase"
                        + " letters, digits, '.', '_' or '-', starting with a letter or digit)");
                return false;
            }
            Integer first = nameLines.putIfAbsent(name, field.line());
            if (first != null) {
                problems.add(field, "duplicate path name " + YamlValues.quote(name) + " (first at line " + first + ")");
                return false;
            }
            return true;
        });
    }
}
