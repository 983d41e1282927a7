package io.linkguard.agent.config;

import io.linkguard.config.Durations;
import io.linkguard.config.Field;
import io.linkguard.config.Problems;
import io.linkguard.config.YamlMapping;
import io.linkguard.config.YamlValues;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code type: tcp}: TCP connect to a port of the peer. */
final class TcpProbeParser implements ProbeParser {

    static final Duration MIN_INTERVAL = Duration.ofMillis(100);
    static final Duration MAX_INTERVAL = Duration.ofHours(1);
    static final Duration MIN_TIMEOUT = Duration.ofMillis(10);
    static final Duration MAX_TIMEOUT = Duration.ofSeconds(60);

    @Override
    public List<String> keys() {
        return List.of("port", "interval", "timeout");
    }

    @Override
    public Optional<ProbeConfig> parse(YamlMapping probe, LinkContext link, Problems problems) {
        Optional<Field> portField = probe.required("port");
        Optional<Integer> port = portField
                .flatMap(field -> YamlValues.integer(field, 1, 65535, "", false, problems))
                .map(Long::intValue)
                .filter(p -> link.claimUnique("tcp probe to port " + p, portField.get()));
        var interval = Durations.optional(probe, "interval", TcpProbeConfig.DEFAULT_INTERVAL,
                MIN_INTERVAL, MAX_INTERVAL, problems);
        var timeout = Durations.optional(probe, "timeout", TcpProbeConfig.DEFAULT_TIMEOUT,
                MIN_TIMEOUT, MAX_TIMEOUT, problems);
        if (interval.isPresent() && timeout.isPresent() && timeout.get().compareTo(interval.get()) >= 0) {
            reportTimeoutNotBelowInterval(probe, timeout.get(), interval.get(), problems);
            return Optional.empty();
        }
        if (port.isEmpty() || interval.isEmpty() || timeout.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TcpProbeConfig(port.get(), interval.get(), timeout.get()));
    }

    /** Reported at the timeout if it is set, else at the interval (the default timeout is too long). */
    private static void reportTimeoutNotBelowInterval(YamlMapping probe, Duration timeout, Duration interval,
                                                      Problems problems) {
        String path = probe.self().childPath("timeout");
        Optional<Field> timeoutField = probe.optional("timeout");
        String intervalText = probe.optional("interval").map(YamlValues::scalarText)
                .orElse(Durations.format(interval) + " (default)");
        if (timeoutField.isPresent()) {
            problems.add(timeoutField.get(), "must be less than the interval (got timeout "
                    + YamlValues.scalarText(timeoutField.get()) + ", interval " + intervalText + ")");
        } else {
            int line = probe.optional("interval").map(Field::line).orElse(probe.self().line());
            problems.add(line, path, "the default timeout " + Durations.format(timeout)
                    + " is not less than the interval " + intervalText + ": set a shorter timeout");
        }
    }
}
