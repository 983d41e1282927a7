package io.linkguard.agent.config;

import io.linkguard.config.Durations;
import io.linkguard.config.Field;
import io.linkguard.config.Problems;
import io.linkguard.config.YamlMapping;
import io.linkguard.config.YamlValues;
import java.net.Inet6Address;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** {@code type: pmtu}: path-MTU discovery with black-hole detection. */
final class PmtuProbeParser implements ProbeParser {
    /** RFC 791: every IPv4 router forwards 68 bytes; RFC 8200 §5: every IPv6 link 1280. */
    static final int MIN_V4 = 68;
    static final int MIN_V6 = 1280;
    static final int MAX_MTU = 65535;

    @Override
    public List<String> keys() {
        return List.of("interval", "check_interval", "expected", "degrade", "max", "timeout", "max_probes");
    }

    @Override
    public Optional<ProbeConfig> parse(YamlMapping probe, LinkContext link, Problems problems) {
        // One search per link: two would race for the same path and double the probe load.
        boolean unique = link.claimUnique("pmtu probe", probe.optional("type").orElse(probe.self()));
        var interval = Durations.optional(probe, "interval", PmtuProbeConfig.DEFAULT_INTERVAL,
                Duration.ofSeconds(5), Duration.ofDays(1), problems);
        var check = Durations.optional(probe, "check_interval", PmtuProbeConfig.DEFAULT_CHECK_INTERVAL,
                Duration.ofSeconds(1), Duration.ofHours(1), problems);
        var timeout = Durations.optional(probe, "timeout", PmtuProbeConfig.DEFAULT_TIMEOUT,
                Duration.ofMillis(10), Duration.ofSeconds(10), problems);
        boolean ipv6 = link.peer().map(p -> p instanceof Inet6Address).orElse(false);
        int min = ipv6 ? MIN_V6 : MIN_V4;
        String family = link.peer().isEmpty() ? "" : ipv6 ? " for an IPv6 peer" : " for an IPv4 peer";
        Optional<OptionalInt> expected = optionalSize(probe, "expected", min, family, problems);
        Optional<OptionalInt> max = optionalSize(probe, "max", min, family, problems);
        Optional<Field> degradeField = probe.optional("degrade");
        var degrade = degradeField.isPresent() ? YamlValues.bool(degradeField.get(), problems) : Optional.of(true);
        var maxProbes = YamlValues.optionalInt(probe, "max_probes", PmtuProbeConfig.DEFAULT_MAX_PROBES, 5, 200, "",
                problems);
        if (!unique || interval.isEmpty() || check.isEmpty() || timeout.isEmpty() || expected.isEmpty() || max.isEmpty()
                || degrade.isEmpty() || maxProbes.isEmpty()) {
            return Optional.empty();
        }
        if (expected.get().isPresent() && max.get().isPresent()
                && expected.get().getAsInt() > max.get().getAsInt()) {
            problems.add(probe.optional("expected").orElseThrow(), "must not exceed max (got expected "
                    + expected.get().getAsInt() + ", max " + max.get().getAsInt() + ")");
            return Optional.empty();
        }
        return Optional.of(new PmtuProbeConfig(interval.get(), check.get(), expected.get(), degrade.get(),
                max.get(), timeout.get(), maxProbes.get()));
    }

    private static Optional<OptionalInt> optionalSize(YamlMapping probe, String key, int min, String family,
                                                      Problems problems) {
        Optional<Field> f = probe.optional(key);
        if (f.isEmpty()) {
            return Optional.of(OptionalInt.empty());
        }
        return YamlValues.integer(f.get(), min, MAX_MTU, family, false, problems)
                .map(v -> OptionalInt.of(v.intValue()));
    }
}
