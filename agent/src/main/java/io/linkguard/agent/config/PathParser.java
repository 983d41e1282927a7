package io.linkguard.agent.config;

import io.linkguard.config.Field;
import io.linkguard.config.Key;
import io.linkguard.config.ConfigProblems;
import io.linkguard.config.YamlValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads a link's {@code paths:} list and each path's actions; the keys are declared in {@link PathConfig}. */
final class PathParser {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,62}");

    private final ConfigProblems problems;
    private final ActionParser actions;
    /** Path name to the line where it was first used. */
    private final Map<String, Integer> nameLines = new HashMap<>();

    PathParser(ConfigProblems problems) {
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
        List<PathConfig> paths = new ArrayList<>();
        Map<Key<?>, Key.Reader<?>> readers = Map.of(PathConfig.NAME, (Key.Reader<String>) this::name,
                PathConfig.ACTIONS, (Key.Reader<List<ActionConfig>>) this::actions);
        for (Field item : items.get()) {
            PathConfig.SECTION.bind(item, problems, readers)
                    .filter(v -> v.all(PathConfig.NAME, PathConfig.ACTIONS))
                    .ifPresent(v -> paths.add(new PathConfig(v.value(PathConfig.NAME), v.value(PathConfig.ACTIONS))));
        }
        return problems.count() == before ? Optional.of(paths) : Optional.empty();
    }

    private Optional<List<ActionConfig>> actions(Field field, ConfigProblems p) {
        return YamlValues.list(field, problems).flatMap(list -> {
            if (list.isEmpty()) {
                problems.add(field, "at least one action is required");
                return Optional.empty();
            }
            List<ActionConfig> parsed = new ArrayList<>();
            list.forEach(action -> actions.parse(action).ifPresent(parsed::add));
            return parsed.size() == list.size() ? Optional.of(parsed) : Optional.empty();
        });
    }

    private Optional<String> name(Field field, ConfigProblems p) {
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
