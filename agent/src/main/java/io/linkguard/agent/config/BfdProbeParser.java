package io.linkguard.agent.config;

import static io.linkguard.agent.config.BfdProbeConfig.AUTH;
import static io.linkguard.agent.config.BfdProbeConfig.AUTH_KEY;
import static io.linkguard.agent.config.BfdProbeConfig.AUTH_KEY_FILE;
import static io.linkguard.agent.config.BfdProbeConfig.AUTH_KEY_ID;
import static io.linkguard.agent.config.BfdProbeConfig.AUTH_TYPE;
import static io.linkguard.agent.config.BfdProbeConfig.ECHO;
import static io.linkguard.agent.config.BfdProbeConfig.ECHO_INTERVAL;
import static io.linkguard.agent.config.BfdProbeConfig.INTERVAL;
import static io.linkguard.agent.config.BfdProbeConfig.MIN_TTL;
import static io.linkguard.agent.config.BfdProbeConfig.MULTIHOP;
import static io.linkguard.agent.config.BfdProbeConfig.MULTIPLIER;
import static io.linkguard.agent.config.BfdProbeConfig.PASSIVE;
import static io.linkguard.agent.config.BfdProbeConfig.RX_INTERVAL;

import io.linkguard.bfd.auth.AuthConfigException;
import io.linkguard.bfd.auth.KeyFiles;
import io.linkguard.config.Field;
import io.linkguard.config.ConfigProblems;
import io.linkguard.config.Section.Values;
import io.linkguard.config.YamlMapping;
import java.net.Inet4Address;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** {@code type: bfd}: the rules between the keys of one BFD session (declared in {@link BfdProbeConfig}). */
final class BfdProbeParser {

    private final ConfigProblems problems;

    BfdProbeParser(ConfigProblems problems) {
        this.problems = problems;
    }

    Optional<BfdProbeConfig> parse(YamlMapping probe, LinkContext link) {
        Values v = BfdProbeConfig.SECTION.bind(probe, problems);
        boolean multihop = v.get(MULTIHOP).orElse(false);
        if (v.get(ECHO).orElse(false)) {
            Field echoField = v.field(ECHO).orElseThrow();
            if (multihop) {
                problems.add(echoField, "the Echo function is single hop only (RFC 5883 §3: not for multihop sessions)");
            } else if (link.peer().map(p -> !(p instanceof Inet4Address)).orElse(false)) {
                problems.add(echoField, "the Echo function is IPv4 only in this version");
            } else if (!link.sourceGiven()) {
                problems.add(echoField, "the Echo function needs the link's source address (echo packets are"
                        + " addressed to it, RFC 5881 §4): set links[].source");
            } else if (link.iface().isPresent()) {
                // Checked against this machine: an echo is an Ethernet frame to the peer's MAC address, so a
                // point-to-point interface can never carry one. An interface not there yet is checked by no one.
                String name = link.iface().get();
                InterfaceKinds.type(name).stream().mapToObj(t -> InterfaceKinds.notEthernet(name, t))
                        .flatMap(Optional::stream).findFirst().ifPresent(why -> problems.add(echoField,
                                "the Echo function needs an Ethernet next hop (the echo is a frame to the peer's"
                                        + " MAC address); " + why + ": turn echo off for this link"));
            }
        } else if (v.field(ECHO_INTERVAL).isPresent()) {
            problems.add(v.field(ECHO_INTERVAL).get(), "needs echo: true");
        }
        link.claimUnique("bfd session", probe.optional("type").orElse(probe.self()));
        if (multihop) {
            if (!link.sourceGiven()) {
                problems.add(v.field(MULTIHOP).orElseThrow(), "a multihop session needs the link's source address"
                        + " (RFC 5883 demultiplexes on it): set links[].source");
            }
        } else if (v.field(MIN_TTL).isPresent()) {
            problems.add(v.field(MIN_TTL).get(),
                    "only for multihop sessions: single hop always requires TTL 255 (RFC 5881 §5)");
            return Optional.empty();
        }
        // Read last: its key file is only worth checking once the session itself is right.
        Optional<BfdProbeConfig.Auth> auth = v.field(AUTH_KEY).flatMap(this::auth);
        if (!v.valid()) {
            return Optional.empty();
        }
        Duration interval = v.value(INTERVAL);
        Optional<Duration> echoInterval = v.value(ECHO)
                ? Optional.of(v.get(ECHO_INTERVAL).orElse(interval))
                : Optional.empty();
        return Optional.of(new BfdProbeConfig(interval, v.get(RX_INTERVAL).orElse(interval), v.value(MULTIPLIER),
                multihop, v.value(MIN_TTL), v.value(PASSIVE), auth, echoInterval));
    }

    private Optional<BfdProbeConfig.Auth> auth(Field field) {
        Optional<Values> bound = AUTH.bind(field, problems);
        if (bound.isEmpty() || !bound.get().valid()) {
            return Optional.empty(); // the key file is only worth reading once the rest of auth is right
        }
        Values v = bound.get();
        Path keyFile = Path.of(v.value(AUTH_KEY_FILE));
        try {
            // Checked now (exists, chmod 600, length fits the type) so check-config catches it; not kept.
            KeyFiles.load(keyFile, v.value(AUTH_TYPE), v.value(AUTH_KEY_ID));
        } catch (AuthConfigException e) {
            problems.add(v.field(AUTH_KEY_FILE).orElseThrow(), e.getMessage());
            return Optional.empty();
        }
        return Optional.of(new BfdProbeConfig.Auth(v.value(AUTH_TYPE), keyFile, v.value(AUTH_KEY_ID)));
    }
}
