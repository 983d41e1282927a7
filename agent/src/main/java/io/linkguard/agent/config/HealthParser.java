package io.linkguard.agent.config;

import static io.linkguard.agent.config.LinkHealthConfig.LossThresholds.DEGRADED_ENTER;
import static io.linkguard.agent.config.LinkHealthConfig.LossThresholds.DEGRADED_LEAVE;
import static io.linkguard.agent.config.LinkHealthConfig.LossThresholds.DOWN_ENTER;
import static io.linkguard.agent.config.LinkHealthConfig.LossThresholds.DOWN_LEAVE;

import io.linkguard.agent.config.LinkHealthConfig.Dampening;
import io.linkguard.agent.config.LinkHealthConfig.DelayThresholds;
import io.linkguard.agent.config.LinkHealthConfig.LossThresholds;
import io.linkguard.config.Durations;
import io.linkguard.config.Field;
import io.linkguard.config.ThresholdOrder;
import io.linkguard.config.ConfigProblems;
import io.linkguard.config.Ratios;
import io.linkguard.config.Section;
import io.linkguard.config.Section.Values;
import java.util.Optional;

/**
 * Reads a link's {@code health:} section (its keys are declared in {@link LinkHealthConfig}) and checks
 * the rules between them: each hysteresis in order, and a dampening that can suppress at all.
 */
final class HealthParser {

    private final ConfigProblems problems;

    HealthParser(ConfigProblems problems) {
        this.problems = problems;
    }

    /** The health section at {@code field}, or empty if any problem was reported. */
    Optional<LinkHealthConfig> parse(Field field) {
        return LinkHealthConfig.SECTION.bind(field, problems).filter(Values::valid).map(v -> new LinkHealthConfig(
                v.value(LinkHealthConfig.WINDOW), v.value(LinkHealthConfig.MIN_SAMPLES), v.value(LinkHealthConfig.LOSS),
                v.get(LinkHealthConfig.RTT), v.get(LinkHealthConfig.JITTER), v.value(LinkHealthConfig.TCP_FAILURES),
                v.value(LinkHealthConfig.MIN_TIME_IN_STATE), v.value(LinkHealthConfig.FAILBACK_DELAY),
                v.value(LinkHealthConfig.FAILOVER_ON), v.value(LinkHealthConfig.DAMPENING),
                v.value(LinkHealthConfig.INTERFACE_DOWN)));
    }

    Optional<LossThresholds> loss(Field field) {
        return LossThresholds.SECTION.bind(field, problems)
                .filter(v -> v.all(DEGRADED_ENTER, DEGRADED_LEAVE, DOWN_ENTER, DOWN_LEAVE)).flatMap(v -> {
            // The first broken order is reported alone: one mistake often breaks two of them.
            ThresholdOrder order = new ThresholdOrder(v.mapping(), problems);
            boolean ordered = order.less("degraded_leave", v.value(DEGRADED_LEAVE), "degraded_enter",
                    v.value(DEGRADED_ENTER), Ratios::format)
                    && order.less("down_leave", v.value(DOWN_LEAVE), "down_enter", v.value(DOWN_ENTER), Ratios::format)
                    && order.less("degraded_enter", v.value(DEGRADED_ENTER), "down_enter", v.value(DOWN_ENTER),
                            Ratios::format);
            return ordered
                    ? Optional.of(new LossThresholds(v.value(DEGRADED_ENTER), v.value(DEGRADED_LEAVE),
                            v.value(DOWN_ENTER), v.value(DOWN_LEAVE)))
                    : Optional.empty();
        });
    }

    /** {@code rtt:} or {@code jitter:}: present needs both keys, leave below enter. */
    Optional<DelayThresholds> delays(Field field, Section section) {
        return section.bind(field, problems).filter(v -> v.all(DelayThresholds.ENTER, DelayThresholds.LEAVE))
                .filter(v -> new ThresholdOrder(v.mapping(), problems).less("degraded_leave", v.value(DelayThresholds.LEAVE),
                        "degraded_enter", v.value(DelayThresholds.ENTER), Durations::format))
                .map(v -> new DelayThresholds(v.value(DelayThresholds.ENTER), v.value(DelayThresholds.LEAVE)));
    }

    Optional<Dampening> dampening(Field field) {
        return Dampening.SECTION.bind(field, problems).filter(v -> v.all(Dampening.PENALTY, Dampening.HALF_LIFE,
                        Dampening.SUPPRESS, Dampening.REUSE, Dampening.MAX_SUPPRESS))
                .filter(v -> new ThresholdOrder(v.mapping(), problems).less("reuse", v.value(Dampening.REUSE), "suppress",
                        v.value(Dampening.SUPPRESS), String::valueOf))
                .map(v -> new Dampening(v.value(Dampening.PENALTY), v.value(Dampening.HALF_LIFE),
                        v.value(Dampening.SUPPRESS), v.value(Dampening.REUSE), v.value(Dampening.MAX_SUPPRESS)))
                .filter(d -> {
                    if (d.penalty() > 0 && d.ceiling() <= d.suppress()) {
                        // RFC 2439 §4.2: the penalty never exceeds the ceiling, so the link would never be suppressed.
                        problems.add(field, "suppress " + d.suppress() + " can never be reached: max_suppress "
                                + Durations.format(d.maxSuppress()) + " caps the penalty at " + (long) d.ceiling()
                                + " (reuse × 2^(max_suppress / half_life), RFC 2439 §4.2)");
                        return false;
                    }
                    return true;
                });
    }
}
