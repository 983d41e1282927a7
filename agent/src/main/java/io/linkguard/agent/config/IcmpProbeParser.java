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

/** {@code type: icmp}: ICMP echo. */
final class IcmpProbeParser implements ProbeParser {

    static final Duration MIN_INTERVAL = Duration.ofMillis(10);
    static final Duration MAX_INTERVAL = Duration.ofHours(1);
    static final Duration MIN_TIMEOUT = Duration.ofMillis(10);
    static final Duration MAX_TIMEOUT = Duration.ofSeconds(60);
    /** 65535 - 20 (IPv4 header) - 8 (ICMP header). */
    static final int MAX_SIZE_IPV4 = 65507;
    /** 65535 (IPv6 payload length, header excluded) - 8 (ICMPv6 header). */
    static final int MAX_SIZE_IPV6 = 65527;

    @Override
    public List<String> keys() {
        return List.of("interval", "timeout", "size", "df", "tos", "window");
    }

    @Override
    public Optional<ProbeConfig> parse(YamlMapping probe, LinkContext link, Problems problems) {
        var interval = Durations.optional(probe, "interval", IcmpProbeConfig.DEFAULT_INTERVAL,
                MIN_INTERVAL, MAX_INTERVAL, problems);
        var timeout = Durations.optional(probe, "timeout", IcmpProbeConfig.DEFAULT_TIMEOUT,
                MIN_TIMEOUT, MAX_TIMEOUT, problems);
        // Without a valid peer the family is unknown: check against the larger (IPv6) limit.
        boolean ipv4 = link.peer().map(peer -> !(peer instanceof Inet6Address)).orElse(false);
        boolean ipv6 = link.peer().map(peer -> peer instanceof Inet6Address).orElse(false);
        var size = YamlValues.optionalInt(probe, "size", IcmpProbeConfig.DEFAULT_PAYLOAD_BYTES, 0,
                ipv4 ? MAX_SIZE_IPV4 : MAX_SIZE_IPV6,
                ipv4 ? " for an IPv4 peer" : ipv6 ? " for an IPv6 peer" : "", problems);
        Optional<Field> dfField = probe.optional("df");
        var df = dfField.isPresent() ? YamlValues.bool(dfField.get(), problems) : Optional.of(false);
        var tos = YamlValues.optionalInt(probe, "tos", 0, 0, 255, "", problems);
        var window = YamlValues.optionalInt(probe, "window", IcmpProbeConfig.DEFAULT_LOSS_WINDOW,
                10, 100_000, "", problems);
        if (interval.isEmpty() || timeout.isEmpty() || size.isEmpty() || df.isEmpty() || tos.isEmpty()
                || window.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new IcmpProbeConfig(interval.get(), timeout.get(), size.get(), df.get(),
                tos.get(), window.get()));
    }
}
