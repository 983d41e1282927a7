package io.linkguard.alerts.config;

import io.linkguard.config.Field;
import io.linkguard.config.Key;
import io.linkguard.config.ConfigProblems;
import io.linkguard.config.Section.Values;
import io.linkguard.config.YamlValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the {@code alerts:} section, whose keys {@link AlertsConfig} declares; the channels themselves
 * are {@link ChannelParser}'s.
 */
public final class AlertsParser {

    private final ConfigProblems problems;
    private final Map<String, String> env;

    public AlertsParser(ConfigProblems problems, Map<String, String> env) {
        this.problems = problems;
        this.env = env;
    }

    /** The JSON Schema of the section, from the same declarations. */
    public static Map<String, Object> schema() {
        return AlertsConfig.SECTION.schema();
    }

    /** The section at {@code field}; empty if any problem was reported. */
    public Optional<AlertsConfig> parse(Field field) {
        return AlertsConfig.SECTION.bind(field, problems, Map.of(AlertsConfig.CHANNELS,
                        (Key.Reader<List<ChannelConfig>>) (f, p) -> Optional.of(channels(f))))
                .filter(Values::valid)
                .map(v -> new AlertsConfig(v.value(AlertsConfig.GROUP_WINDOW), v.value(AlertsConfig.GROUP_MAX),
                        v.value(AlertsConfig.SPOOL), v.value(AlertsConfig.CHANNELS)));
    }

    static Optional<AlertsConfig.Spool> spool(Field field, ConfigProblems problems) {
        if (YamlValues.isNull(field.node())) {
            return Optional.of(AlertsConfig.Spool.DEFAULTS);
        }
        return AlertsConfig.Spool.SECTION.bind(field, problems).filter(v -> v.all(AlertsConfig.Spool.MAX_MESSAGES,
                AlertsConfig.Spool.MAX_BYTES)).map(v -> new AlertsConfig.Spool(v.value(AlertsConfig.Spool.MAX_MESSAGES),
                v.value(AlertsConfig.Spool.MAX_BYTES)));
    }

    private List<ChannelConfig> channels(Field field) {
        List<ChannelConfig> result = new ArrayList<>();
        ChannelParser parser = new ChannelParser(problems, env);
        YamlValues.list(field, problems).ifPresent(items -> {
            if (items.isEmpty()) {
                problems.add(field, "at least one channel is required (remove alerts: to turn alerting off)");
            }
            for (Field item : items) {
                parser.parse(item).ifPresent(result::add);
            }
        });
        return result;
    }
}
