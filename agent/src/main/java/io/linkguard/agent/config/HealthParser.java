package io.linkguard.agent.config;

import io.linkguard.config.Durations;
import io.linkguard.config.Field;
import io.linkguard.config.Ordering;
import io.linkguard.config.Problems;
import io.linkguard.config.Ratios;
import io.linkguard.config.YamlMapping;
import io.linkguard.config.YamlValues;
import io.linkguard.agent.config.LinkHealthConfig.Dampening;
import io.linkguard.agent.config.LinkHealthConfig.DelayThresholds;
import io.linkguard.agent.config.LinkHealthConfig.FailoverOn;
import io.linkguard.agent.config.LinkHealthConfig.LossThresholds;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reads a link's {@code health:} section; see {@link LinkHealthConfig}. */
final class HealthParser {

    static final List<String> KEYS = List.of("window", "min_samples", "loss", "rtt", "jitter", "tcp_failures",
            "min_time_in_state", "failback_delay", "failover_on", "dampening");
    static final List<String> LOSS_KEYS = List.of("degraded_enter", "degraded_leave", "down_enter", "down_leave");
    static final List<String> DELAY_KEYS = List.of("degraded_enter", "degraded_leave");
    static final List<String> DAMPENING_KEYS = List.of("penalty", "half_life", "suppress", "reuse", "max_suppress");

    static final Duration MIN_WINDOW = Duration.ofSeconds(1);
    /** At 10 ms probes a 10 min window holds 60000 results: the most a link keeps in memory. */
    static final Duration MAX_WINDOW = Duration.ofMinutes(10);
    static final Duration MAX_MIN_TIME_IN_STATE = Duration.ofMinutes(10);
    /** Longer keeps traffic on the (often metered) backup long after the tunnel recovered. */
    static final Duration MAX_FAILBACK_DELAY = Duration.ofHours(1);
    static final Duration MIN_DELAY = Duration.ofMillis(1);
    static final Duration MAX_DELAY = Duration.ofSeconds(60);
    static final Duration MIN_HALF_LIFE = Duration.ofSeconds(1);
    static final Duration MAX_HALF_LIFE = Duration.ofHours(2);
    static final Duration MAX_SUPPRESS = Duration.ofHours(24);
    static final int MAX_PENALTY = 1_000_000;

    private final Problems problems;

    HealthParser(Problems problems) {
        this.problems = problems;
    }

    /** The health section at {@code field}, or empty if any problem was reported. */
    Optional<LinkHealthConfig> parse(Field field) {
        Optional<YamlMapping> maybe = YamlMapping.of(field, problems);
        if (maybe.isEmpty()) {
            return Optional.empty();
        }
        int before = problems.count();
        YamlMapping health = maybe.get();
        health.allowOnly(KEYS, " for health");
        LinkHealthConfig d = LinkHealthConfig.DEFAULTS;
        var window = Durations.optional(health, "window", d.window(), MIN_WINDOW, MAX_WINDOW, problems);
        var minSamples = YamlValues.optionalInt(health, "min_samples", d.minSamples(), 1, 10_000, "", problems);
        var loss = health.optional("loss").map(this::loss).orElse(Optional.of(d.loss()));
        var rtt = optionalDelays(health, "rtt");
        var jitter = optionalDelays(health, "jitter");
        var tcpFailures = YamlValues.optionalInt(health, "tcp_failures", d.tcpFailures(), 1, 100, "", problems);
        var minTime = Durations.optional(health, "min_time_in_state", d.minTimeInState(), Duration.ZERO,
                MAX_MIN_TIME_IN_STATE, problems);
        var failback = Durations.optional(health, "failback_delay", d.failbackDelay(), Duration.ZERO,
                MAX_FAILBACK_DELAY, problems);
        var failoverOn = health.optional("failover_on").map(this::failoverOn).orElse(Optional.of(d.failoverOn()));
        var dampening = health.optional("dampening").map(this::dampening).orElse(Optional.of(d.dampening()));
        if (problems.count() != before) {
            return Optional.empty();
        }
        return Optional.of(new LinkHealthConfig(window.orElseThrow(), minSamples.orElseThrow(), loss.orElseThrow(),
                rtt.orElseThrow(), jitter.orElseThrow(), tcpFailures.orElseThrow(), minTime.orElseThrow(),
                failback.orElseThrow(), failoverOn.orElseThrow(), dampening.orElseThrow()));
    }

    private Optional<LossThresholds> loss(Field field) {
        Optional<YamlMapping> maybe = YamlMapping.of(field, problems);
        if (maybe.isEmpty()) {
            return Optional.empty();
        }
        YamlMapping loss = maybe.get();
        loss.allowOnly(LOSS_KEYS, " for loss");
        LossThresholds d = LossThresholds.DEFAULT;
        var degradedEnter = ratio(loss, "degraded_enter", d.degradedEnter());
        var degradedLeave = ratio(loss, "degraded_leave", d.degradedLeave());
        var downEnter = ratio(loss, "down_enter", d.downEnter());
        var downLeave = ratio(loss, "down_leave", d.downLeave());
        if (degradedEnter.isEmpty() || degradedLeave.isEmpty() || downEnter.isEmpty() || downLeave.isEmpty()) {
            return Optional.empty();
        }
        // The first broken order is reported alone: one mistake often breaks two of them.
        Ordering order = new Ordering(loss, problems);
        boolean ordered = order.less("degraded_leave", degradedLeave.get(), "degraded_enter", degradedEnter.get(),
                Ratios::format)
                && order.less("down_leave", downLeave.get(), "down_enter", downEnter.get(), Ratios::format)
                && order.less("degraded_enter", degradedEnter.get(), "down_enter", downEnter.get(), Ratios::format);
        return ordered
                ? Optional.of(new LossThresholds(degradedEnter.get(), degradedLeave.get(), downEnter.get(),
                        downLeave.get()))
                : Optional.empty();
    }

    private Optional<Double> ratio(YamlMapping mapping, String key, double defaultValue) {
        Optional<Field> field = mapping.optional(key);
        return field.isPresent() ? Ratios.read(field.get(), problems) : Optional.of(defaultValue);
    }

    /** {@code rtt:} or {@code jitter:}: absent means not judged; present needs both keys. */
    private Optional<Optional<DelayThresholds>> optionalDelays(YamlMapping health, String key) {
        Optional<Field> field = health.optional(key);
        if (field.isEmpty()) {
            return Optional.of(Optional.empty());
        }
        Optional<YamlMapping> maybe = YamlMapping.of(field.get(), problems);
        if (maybe.isEmpty()) {
            return Optional.empty();
        }
        YamlMapping delays = maybe.get();
        delays.allowOnly(DELAY_KEYS, " for " + key);
        var enter = delays.required("degraded_enter").flatMap(f -> delay(delays, "degraded_enter"));
        var leave = delays.required("degraded_leave").flatMap(f -> delay(delays, "degraded_leave"));
        if (enter.isEmpty() || leave.isEmpty()
                || !new Ordering(delays, problems).less("degraded_leave", leave.get(), "degraded_enter", enter.get(),
                        Durations::format)) {
            return Optional.empty();
        }
        return Optional.of(Optional.of(new DelayThresholds(enter.get(), leave.get())));
    }

    private Optional<Duration> delay(YamlMapping mapping, String key) {
        return Durations.optional(mapping, key, Duration.ZERO, MIN_DELAY, MAX_DELAY, problems);
    }

    private Optional<FailoverOn> failoverOn(Field field) {
        return YamlValues.text(field, problems).flatMap(text -> {
            Optional<FailoverOn> match = Arrays.stream(FailoverOn.values()).filter(f -> f.label().equals(text))
                    .findFirst();
            if (match.isEmpty()) {
                problems.add(field, "must be " + Arrays.stream(FailoverOn.values()).map(FailoverOn::label)
                        .collect(Collectors.joining(" or ")) + " (got " + YamlValues.quote(text) + ")");
            }
            return match;
        });
    }

    private Optional<Dampening> dampening(Field field) {
        Optional<YamlMapping> maybe = YamlMapping.of(field, problems);
        if (maybe.isEmpty()) {
            return Optional.empty();
        }
        YamlMapping dampening = maybe.get();
        dampening.allowOnly(DAMPENING_KEYS, " for dampening");
        Dampening d = Dampening.DEFAULT;
        var penalty = YamlValues.optionalInt(dampening, "penalty", d.penalty(), 0, MAX_PENALTY, "", problems);
        var halfLife = Durations.optional(dampening, "half_life", d.halfLife(), MIN_HALF_LIFE, MAX_HALF_LIFE,
                problems);
        var suppress = YamlValues.optionalInt(dampening, "suppress", d.suppress(), 1, MAX_PENALTY, "", problems);
        var reuse = YamlValues.optionalInt(dampening, "reuse", d.reuse(), 1, MAX_PENALTY, "", problems);
        var maxSuppress = Durations.optional(dampening, "max_suppress", d.maxSuppress(), MIN_HALF_LIFE,
                MAX_SUPPRESS, problems);
        if (penalty.isEmpty() || halfLife.isEmpty() || suppress.isEmpty() || reuse.isEmpty() || maxSuppress.isEmpty()
                || !new Ordering(dampening, problems).less("reuse", reuse.get(), "suppress", suppress.get(),
                        String::valueOf)) {
            return Optional.empty();
        }
        Dampening result = new Dampening(penalty.get(), halfLife.get(), suppress.get(), reuse.get(),
                maxSuppress.get());
        if (result.penalty() > 0 && result.ceiling() <= result.suppress()) {
            // RFC 2439 §4.2: the penalty never exceeds the ceiling, so such a link would never be suppressed.
            problems.add(field, "suppress " + result.suppress() + " can never be reached: max_suppress "
                    + Durations.format(result.maxSuppress()) + " caps the penalty at " + (long) result.ceiling()
                    + " (reuse × 2^(max_suppress / half_life), RFC 2439 §4.2)");
            return Optional.empty();
        }
        return Optional.of(result);
    }
}
