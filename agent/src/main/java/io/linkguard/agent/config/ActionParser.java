package io.linkguard.agent.config;

import io.linkguard.config.Field;
import io.linkguard.config.Json;
import io.linkguard.config.Key;
import io.linkguard.config.ConfigProblems;
import io.linkguard.config.Section.Values;
import io.linkguard.config.YamlMapping;
import io.linkguard.config.YamlValues;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/** Reads one action of a path, by its {@code type:}; the keys are declared in each {@link ActionConfig} record. */
final class ActionParser {

    /** The {@code type:} key every action has; checked before its section is chosen. */
    static final Key<String> TYPE_KEY = Key.text("type", null, "the action type").readByCaller().required();
    static final List<String> ACTION_TYPES = List.of(RouteActionConfig.TYPE, ExecActionConfig.TYPE);
    /** Table names as iproute2's rt_tables holds them; numbers are read separately. */
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,63}");
    private static final Pattern TABLE_NUMBER = Pattern.compile("[0-9]{1,10}");

    private final ConfigProblems problems;

    ActionParser(ConfigProblems problems) {
        this.problems = problems;
    }

    /** The JSON Schema of one action: the keys of the section its {@code type} chooses. */
    static Map<String, Object> schema() {
        List<Object> cases = new ArrayList<>();
        Map.of(RouteActionConfig.TYPE, RouteActionConfig.SECTION, ExecActionConfig.TYPE, ExecActionConfig.SECTION)
                .forEach((type, section) -> cases.add(Json.object(
                        "if", Json.object("properties", Json.object("type", Json.object("const", type))),
                        "then", section.schema(Map.of("type", Json.object("const", type))))));
        return Json.object("type", "object", "required", List.of("type"), "properties", Json.object("type",
                Json.object("enum", ACTION_TYPES, "description", "the action type")), "allOf", cases);
    }

    /** The action at {@code item}; empty if any problem was reported. */
    Optional<ActionConfig> parse(Field item) {
        Optional<YamlMapping> maybe = YamlMapping.of(item, problems);
        if (maybe.isEmpty()) {
            return Optional.empty();
        }
        YamlMapping action = maybe.get();
        Optional<Field> typeField = action.optional("type");
        if (typeField.isEmpty()) {
            problems.add(action.self().line(), action.self().childPath("type"),
                    "required key is missing (one of: " + String.join(", ", ACTION_TYPES) + ")");
            return Optional.empty();
        }
        Optional<String> type = YamlValues.text(typeField.get(), problems);
        if (type.isEmpty()) {
            return Optional.empty();
        }
        int before = problems.count();
        Optional<? extends ActionConfig> result = switch (type.get()) {
            case RouteActionConfig.TYPE -> route(action);
            case ExecActionConfig.TYPE -> new ExecActionParser(problems).parse(action);
            default -> {
                problems.add(typeField.get(), "unknown action type " + YamlValues.quote(type.get())
                        + " (expected one of: " + String.join(", ", ACTION_TYPES) + ")");
                yield Optional.empty();
            }
        };
        return problems.count() == before ? result.map(ActionConfig.class::cast) : Optional.empty();
    }

    private Optional<RouteActionConfig> route(YamlMapping action) {
        List<IpPrefix> prefixes = new ArrayList<>();
        Values v = RouteActionConfig.SECTION.bind(action, problems, Map.of(
                RouteActionConfig.PREFIXES, (Key.Reader<List<IpPrefix>>) (f, p) -> prefixes(f, prefixes),
                RouteActionConfig.VIA, (Key.Reader<InetAddress>) (f, p) -> RouteActionConfig.VIA.read(f, p)
                        .filter(via -> sameFamily(via, prefixes, f, (it, first) ->
                                "must be the same address family as the prefixes (via is " + it + ", prefixes are "
                                        + first + ")"))));
        Optional<InetAddress> via = v.get(RouteActionConfig.VIA);
        if (v.field(RouteActionConfig.VIA).isEmpty() && v.field(RouteActionConfig.DEV).isEmpty()) {
            problems.add(v.mapping().self(), "a route action needs via or dev (or both)");
        }
        return v.valid()
                ? Optional.of(new RouteActionConfig(prefixes, via, v.get(RouteActionConfig.DEV),
                        v.get(RouteActionConfig.TABLE)))
                : Optional.empty();
    }

    private Optional<List<IpPrefix>> prefixes(Field field, List<IpPrefix> prefixes) {
        return YamlValues.list(field, problems).map(items -> {
            if (items.isEmpty()) {
                problems.add(field, "at least one prefix is required");
            }
            for (Field item : items) {
                IpPrefix.read(item, problems).filter(prefix -> sameFamily(prefix.address(), prefixes, item,
                        (it, first) -> "must be the same address family as the first prefix (this is " + it + ", "
                                + prefixes.getFirst() + " is " + first + ")"))
                        .ifPresent(prefixes::add);
            }
            return prefixes;
        });
    }

    /** Whether {@code address} has the family of the first prefix; reports {@code mismatch(this, first)} if not. */
    private boolean sameFamily(InetAddress address, List<IpPrefix> prefixes, Field field,
                               BiFunction<String, String, String> mismatch) {
        if (prefixes.isEmpty() || prefixes.getFirst().address().getClass() == address.getClass()) {
            return true;
        }
        problems.add(field, mismatch.apply(IpLiterals.family(address), IpLiterals.family(prefixes.getFirst().address())));
        return false;
    }

    /** A name such as {@code main}, or a number 1..4294967295 (0 is "unspecified" to the kernel). */
    static Optional<String> table(Field field, ConfigProblems problems) {
        return YamlValues.text(field, problems).filter(text -> {
            boolean number = TABLE_NUMBER.matcher(text).matches();
            if (number ? Long.parseLong(text) >= 1 && Long.parseLong(text) <= 0xFFFF_FFFFL
                    : TABLE_NAME.matcher(text).matches()) {
                return true;
            }
            problems.add(field, "must be a table name or a number between 1 and 4294967295 (got "
                    + YamlValues.quote(text) + ")");
            return false;
        });
    }
}
