package io.linkguard.agent.config;

import io.linkguard.config.Field;
import io.linkguard.config.Problems;
import io.linkguard.config.YamlMapping;
import io.linkguard.config.YamlValues;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reads one action of a path: {@code type: route} or {@code type: exec}. */
final class ActionParser {

    static final List<String> ACTION_TYPES = List.of(RouteActionConfig.TYPE, ExecActionConfig.TYPE);
    static final List<String> ROUTE_KEYS = List.of("prefixes", "via", "dev", "table");
    /** Table names as iproute2's rt_tables holds them; numbers are read separately. */
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,63}");
    private static final Pattern TABLE_NUMBER = Pattern.compile("[0-9]{1,10}");

    private final Problems problems;

    ActionParser(Problems problems) {
        this.problems = problems;
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
            case RouteActionConfig.TYPE -> {
                action.allowOnly(keys(ROUTE_KEYS), " for a route action");
                yield route(action);
            }
            case ExecActionConfig.TYPE -> {
                action.allowOnly(keys(ExecActionParser.EXEC_KEYS), " for an exec action");
                yield new ExecActionParser(problems).parse(action);
            }
            default -> {
                problems.add(typeField.get(), "unknown action type " + YamlValues.quote(type.get())
                        + " (expected one of: " + String.join(", ", ACTION_TYPES) + ")");
                yield Optional.empty();
            }
        };
        return problems.count() == before ? result.map(ActionConfig.class::cast) : Optional.empty();
    }

    private static List<String> keys(List<String> keys) {
        return Stream.concat(Stream.of("type"), keys.stream()).toList();
    }

    private Optional<RouteActionConfig> route(YamlMapping action) {
        List<IpPrefix> prefixes = new ArrayList<>();
        action.required("prefixes").flatMap(f -> YamlValues.list(f, problems).map(items -> {
            if (items.isEmpty()) {
                problems.add(f, "at least one prefix is required");
            }
            for (Field item : items) {
                IpPrefix.read(item, problems).filter(p -> sameFamily(p, prefixes, item)).ifPresent(prefixes::add);
            }
            return prefixes;
        }));
        Optional<InetAddress> via = action.optional("via").flatMap(f -> Addresses.readUnicastIp(f, problems)
                .filter(address -> viaFamily(address, prefixes, f)));
        Optional<String> dev = action.optional("dev").flatMap(f -> Names.readInterfaceName(f, problems));
        Optional<String> table = action.optional("table").flatMap(this::table);
        if (action.optional("via").isEmpty() && action.optional("dev").isEmpty()) {
            problems.add(action.self(), "a route action needs via or dev (or both)");
        }
        return Optional.of(new RouteActionConfig(prefixes, via, dev, table));
    }

    private boolean sameFamily(IpPrefix prefix, List<IpPrefix> before, Field field) {
        if (before.isEmpty() || before.getFirst().address().getClass() == prefix.address().getClass()) {
            return true;
        }
        problems.add(field, "must be the same address family as the first prefix (this is "
                + Addresses.family(prefix.address()) + ", " + before.getFirst() + " is "
                + Addresses.family(before.getFirst().address()) + ")");
        return false;
    }

    private boolean viaFamily(InetAddress via, List<IpPrefix> prefixes, Field field) {
        if (prefixes.isEmpty() || prefixes.getFirst().address().getClass() == via.getClass()) {
            return true;
        }
        problems.add(field, "must be the same address family as the prefixes (via is " + Addresses.family(via)
                + ", prefixes are " + Addresses.family(prefixes.getFirst().address()) + ")");
        return false;
    }

    /** A name such as {@code main}, or a number 1..4294967295 (0 is "unspecified" to the kernel). */
    private Optional<String> table(Field field) {
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
