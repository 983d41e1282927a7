package io.linkguard.alerts.config;

import io.linkguard.config.Durations;
import io.linkguard.config.Field;
import io.linkguard.config.Problems;
import io.linkguard.config.YamlMapping;
import io.linkguard.config.YamlValues;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the {@code alerts:} section; the channels themselves are {@link ChannelParser}'s. */
public final class AlertsParser {

    static final List<String> KEYS = List.of("group_window", "group_max", "spool", "channels");
    static final List<String> SPOOL_KEYS = List.of("max_messages", "max_bytes");
    static final Duration MAX_GROUP_WINDOW = Duration.ofMinutes(1);
    static final int MAX_GROUP_MAX = 100;
    static final int MAX_SPOOL_MESSAGES = 100_000;
    static final long MIN_SPOOL_BYTES = 64 * 1024;
    static final long MAX_SPOOL_BYTES = 1L << 30;

    private final Problems problems;
    private final Map<String, String> env;

    public AlertsParser(Problems problems, Map<String, String> env) {
        this.problems = problems;
        this.env = env;
    }

    /** The JSON Schema of the section. */
    public static Map<String, Object> schema() {
        return io.linkguard.config.Json.object("type", "object");
    }

    /** The section at {@code field}; empty if any problem was reported. */
    public Optional<AlertsConfig> parse(Field field) {
        int before = problems.count();
        Optional<YamlMapping> maybe = YamlMapping.of(field, problems);
        if (maybe.isEmpty()) {
            return Optional.empty();
        }
        YamlMapping alerts = maybe.get();
        alerts.allowOnly(KEYS, " for alerts");
        var window = Durations.optional(alerts, "group_window", AlertsConfig.DEFAULT_GROUP_WINDOW, Duration.ZERO,
                MAX_GROUP_WINDOW, problems);
        var groupMax = YamlValues.optionalInt(alerts, "group_max", AlertsConfig.DEFAULT_GROUP_MAX, 1, MAX_GROUP_MAX,
                "", problems);
        Optional<AlertsConfig.Spool> spool = alerts.optional("spool").isPresent()
                ? spool(alerts.optional("spool").get())
                : Optional.of(AlertsConfig.Spool.DEFAULTS);
        List<ChannelConfig> channels = alerts.required("channels").map(this::channels).orElse(List.of());
        if (problems.count() != before) {
            return Optional.empty();
        }
        return Optional.of(new AlertsConfig(window.orElseThrow(), groupMax.orElseThrow(), spool.orElseThrow(),
                channels));
    }

    private Optional<AlertsConfig.Spool> spool(Field field) {
        if (YamlValues.isNull(field.node())) {
            return Optional.of(AlertsConfig.Spool.DEFAULTS);
        }
        Optional<YamlMapping> maybe = YamlMapping.of(field, problems);
        if (maybe.isEmpty()) {
            return Optional.empty();
        }
        YamlMapping spool = maybe.get();
        spool.allowOnly(SPOOL_KEYS, " for the alert spool");
        var messages = YamlValues.optionalInt(spool, "max_messages", AlertsConfig.Spool.DEFAULT_MAX_MESSAGES, 1,
                MAX_SPOOL_MESSAGES, "", problems);
        Optional<Long> bytes = spool.optional("max_bytes").isPresent()
                ? YamlValues.integer(spool.optional("max_bytes").get(), MIN_SPOOL_BYTES, MAX_SPOOL_BYTES, " bytes",
                false, problems)
                : Optional.of(AlertsConfig.Spool.DEFAULT_MAX_BYTES);
        return messages.isPresent() && bytes.isPresent()
                ? Optional.of(new AlertsConfig.Spool(messages.get(), bytes.get()))
                : Optional.empty();
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
