package io.linkguard.agent.config;

import io.linkguard.config.Durations;
import io.linkguard.config.Field;
import io.linkguard.config.Problems;
import io.linkguard.config.YamlMapping;
import io.linkguard.config.YamlValues;
import io.linkguard.bfd.auth.AuthConfigException;
import io.linkguard.bfd.auth.KeyFiles;
import io.linkguard.bfd.packet.AuthType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** {@code type: bfd}: one BFD session to the link's peer. */
final class BfdProbeParser implements ProbeParser {

    /** 10 ms is the floor FRR bfdd accepts too; below it a JVM on a shared host cannot promise timely packets. */
    static final Duration MIN_INTERVAL = Duration.ofMillis(10);
    static final Duration MAX_INTERVAL = Duration.ofSeconds(60);
    static final List<String> AUTH_KEYS = List.of("type", "key_file", "key_id");

    @Override
    public List<String> keys() {
        return List.of("interval", "rx_interval", "multiplier", "multihop", "min_ttl", "passive", "auth", "echo",
                "echo_interval");
    }

    @Override
    public Optional<ProbeConfig> parse(YamlMapping probe, LinkContext link, Problems problems) {
        var interval = Durations.optional(probe, "interval", BfdProbeConfig.DEFAULT_INTERVAL, MIN_INTERVAL,
                MAX_INTERVAL, problems);
        var rxInterval = Durations.optional(probe, "rx_interval", interval.orElse(BfdProbeConfig.DEFAULT_INTERVAL),
                MIN_INTERVAL, MAX_INTERVAL, problems);
        var mult = YamlValues.optionalInt(probe, "multiplier", BfdProbeConfig.DEFAULT_DETECT_MULT, 1, 255, "",
                problems);
        var multihop = bool(probe, "multihop", problems);
        var passive = bool(probe, "passive", problems);
        var minTtl = YamlValues.optionalInt(probe, "min_ttl", BfdProbeConfig.DEFAULT_MULTIHOP_MIN_TTL, 1, 255, "",
                problems);
        var echo = bool(probe, "echo", problems);
        var echoInterval = Durations.optional(probe, "echo_interval", interval.orElse(BfdProbeConfig.DEFAULT_INTERVAL),
                MIN_INTERVAL, MAX_INTERVAL, problems);
        if (echo.orElse(false)) {
            Field echoField = probe.optional("echo").orElseThrow();
            if (multihop.orElse(false)) {
                problems.add(echoField, "the Echo function is single hop only (RFC 5883 §3: not for multihop sessions)");
            } else if (link.peer().map(p -> !(p instanceof java.net.Inet4Address)).orElse(false)) {
                problems.add(echoField, "the Echo function is IPv4 only in this version");
            } else if (!link.sourceGiven()) {
                problems.add(echoField, "the Echo function needs the link's source address (echo packets are"
                        + " addressed to it, RFC 5881 §4): set links[].source");
            }
        } else if (probe.optional("echo_interval").isPresent()) {
            problems.add(probe.optional("echo_interval").get(), "needs echo: true");
        }
        Optional<Field> self = Optional.of(probe.self());
        boolean unique = link.claimUnique("bfd session", probe.optional("type").orElse(self.get()));
        if (multihop.orElse(false)) {
            if (!link.sourceGiven()) {
                problems.add(probe.optional("multihop").orElseThrow(),
                        "a multihop session needs the link's source address (RFC 5883 demultiplexes on it): set"
                                + " links[].source");
            }
        } else if (probe.optional("min_ttl").isPresent()) {
            problems.add(probe.optional("min_ttl").get(),
                    "only for multihop sessions: single hop always requires TTL 255 (RFC 5881 §5)");
            return Optional.empty();
        }
        Optional<Optional<BfdProbeConfig.Auth>> auth = probe.optional("auth").isPresent()
                ? auth(probe.optional("auth").get(), problems).map(Optional::of)
                : Optional.of(Optional.empty());
        if (interval.isEmpty() || rxInterval.isEmpty() || mult.isEmpty() || multihop.isEmpty() || passive.isEmpty()
                || minTtl.isEmpty() || auth.isEmpty() || echo.isEmpty() || echoInterval.isEmpty() || !unique) {
            return Optional.empty();
        }
        return Optional.of(new BfdProbeConfig(interval.get(), rxInterval.get(), mult.get(), multihop.get(),
                minTtl.get(), passive.get(), auth.get(), echo.get() ? echoInterval : Optional.empty()));
    }

    private static Optional<Boolean> bool(YamlMapping probe, String key, Problems problems) {
        Optional<Field> f = probe.optional(key);
        return f.isPresent() ? YamlValues.bool(f.get(), problems) : Optional.of(false);
    }

    private static Optional<BfdProbeConfig.Auth> auth(Field field, Problems problems) {
        Optional<YamlMapping> maybe = YamlMapping.of(field, problems);
        if (maybe.isEmpty()) {
            return Optional.empty();
        }
        int before = problems.count();
        YamlMapping auth = maybe.get();
        auth.allowOnly(AUTH_KEYS, " for bfd auth");
        Optional<Field> typeField = auth.required("type");
        Optional<AuthType> type = typeField.flatMap(f -> YamlValues.text(f, problems)).flatMap(t -> {
            Optional<AuthType> match = Arrays.stream(AuthType.values()).filter(a -> a.label().equals(t)).findFirst();
            if (match.isEmpty()) {
                problems.add(typeField.get(), "unknown auth type " + YamlValues.quote(t) + " (expected one of: "
                        + Arrays.stream(AuthType.values()).map(AuthType::label).collect(Collectors.joining(", ")) + ")");
            }
            return match;
        });
        Optional<Field> keyFileField = auth.required("key_file");
        Optional<Path> keyFile = keyFileField.flatMap(f -> YamlValues.text(f, problems)).map(Path::of);
        var keyId = YamlValues.optionalInt(auth, "key_id", 1, 0, 255, "", problems);
        if (type.isEmpty() || keyFile.isEmpty() || keyId.isEmpty() || problems.count() != before) {
            return Optional.empty(); // the key file is only worth reading once the rest of auth is right
        }
        try {
            // Checked now (exists, chmod 600, length fits the type) so check-config catches it; not kept.
            KeyFiles.load(keyFile.get(), type.get(), keyId.get());
        } catch (AuthConfigException e) {
            problems.add(keyFileField.get(), e.getMessage());
            return Optional.empty();
        }
        return Optional.of(new BfdProbeConfig.Auth(type.get(), keyFile.get(), keyId.get()));
    }
}
