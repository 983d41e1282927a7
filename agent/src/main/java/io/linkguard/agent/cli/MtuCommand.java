package io.linkguard.agent.cli;

import io.linkguard.probes.Addresses;
import io.linkguard.probes.PathBinding;
import io.linkguard.probes.net.LinuxSocket;
import io.linkguard.probes.pmtu.PmtuProber;
import io.linkguard.probes.pmtu.PmtuResult;
import io.linkguard.probes.pmtu.PmtuSettings;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;

/**
 * {@code linkguard mtu HOST}: one path-MTU search with the agent's prober (DF-set ICMP echo,
 * RFC 8899-style search that works without PTB), printed like tracepath's last line plus what
 * tracepath cannot say: whether a PTB came back, and whether big packets vanish without one.
 */
@Command(name = "mtu", mixinStandardHelpOptions = true,
        description = "Measure the path MTU to HOST with DF-set ICMP echo probes; detects black holes (no PTB).")
final class MtuCommand implements Callable<Integer> {
    @Parameters(paramLabel = "HOST", description = "IPv4 or IPv6 address (a literal: no DNS)")
    String host;

    @Option(names = "--source", paramLabel = "IP", description = "source address of the probes")
    String source;

    @Option(names = "--interface", paramLabel = "IF", description = "send through this interface (SO_BINDTODEVICE)")
    String iface;

    @Option(names = "--fwmark", paramLabel = "N", description = "SO_MARK firewall mark (decimal or 0x hex)")
    String fwmark;

    @Option(names = "--max", paramLabel = "N",
            description = "largest size to probe, IP bytes (default: the MTU of the interface toward HOST)")
    Integer max;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
            description = "longest wait for one probe's reply (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--max-probes", paramLabel = "N", defaultValue = "" + PmtuSettings.DEFAULT_PROBE_CAP,
            description = "cap on the probes of the search (default: ${DEFAULT-VALUE})")
    int maxProbes;

    @Option(names = "--json", description = "print one JSON object instead of text")
    boolean json;

    @Override
    public Integer call() throws Exception {
        InetAddress peer = literal(host, "HOST");
        LinuxSocket.Family family = LinuxSocket.Family.of(peer);
        PmtuSettings defaults = PmtuSettings.defaults(family);
        if (max != null && (max < defaults.minMtu() || max > PmtuSettings.MAX_MTU)) {
            throw new IllegalArgumentException("--max " + max + " (expected: " + defaults.minMtu() + ".."
                    + PmtuSettings.MAX_MTU + " for " + (family == LinuxSocket.Family.INET ? "IPv4" : "IPv6") + ")");
        }
        if (timeout.toMillis() < 1 || timeout.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("--timeout " + timeout.toMillis() + "ms (expected: 1ms..1m)");
        }
        if (maxProbes < defaults.maxProbesPerSize() || maxProbes > 1000) {
            throw new IllegalArgumentException("--max-probes " + maxProbes + " (expected: "
                    + defaults.maxProbesPerSize() + "..1000)");
        }
        PmtuSettings settings = defaults.withMaxMtu(max == null ? 0 : max).withProbeTimeout(timeout)
                .withMaxProbesPerSearch(maxProbes);
        PmtuResult r;
        try (PmtuProber prober = new PmtuProber(peer, binding(family), settings)) {
            r = prober.search();
        }
        PrintStream out = System.out;
        out.println(json ? toJson(r, settings) : text(r));
        return r.pathMtu() > 0 ? Main.EXIT_OK : Main.EXIT_NO_REPLY;
    }

    private static InetAddress literal(String text, String what) {
        try {
            if (text.contains("%") || text.startsWith("[")) {
                throw new IllegalArgumentException();
            }
            return InetAddress.ofLiteral(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " " + text + " (expected: an IPv4 or IPv6 address, no DNS name,"
                    + " no brackets or %scope)");
        }
    }

    private PathBinding binding(LinuxSocket.Family family) {
        Optional<InetAddress> src = Optional.empty();
        if (source != null) {
            InetAddress a = literal(source, "--source");
            if (LinuxSocket.Family.of(a) != family) {
                throw new IllegalArgumentException("--source " + source + " is not of the same family as " + host);
            }
            src = Optional.of(a);
        }
        OptionalLong mark = OptionalLong.empty();
        if (fwmark != null) {
            try {
                long m = fwmark.startsWith("0x") ? Long.parseLong(fwmark.substring(2), 16) : Long.parseLong(fwmark);
                if (m < 0 || m > 0xffff_ffffL) {
                    throw new NumberFormatException();
                }
                mark = OptionalLong.of(m);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--fwmark " + fwmark + " (expected: 0..4294967295 or 0x hex)");
            }
        }
        return new PathBinding(src, Optional.ofNullable(iface), mark);
    }

    /** tracepath's "Resume: pmtu N" (there are no hops to count), then what only a DPLPMTUD search knows. */
    static String text(PmtuResult r) {
        StringBuilder sb = new StringBuilder();
        String peer = Addresses.format(r.peer());
        if (r.pathMtu() > 0) {
            sb.append("Resume: pmtu ").append(r.pathMtu()).append(" (").append(peer).append(")\n");
        } else {
            sb.append("Resume: pmtu unknown (").append(peer).append(")\n");
        }
        sb.append("ptb seen: ").append(r.ptbSeen()
                ? "yes" + (r.ptbMtu().isPresent() ? " (" + r.ptbMtu().getAsInt() + ")" : " (no MTU in it)")
                : "no").append('\n');
        if (r.blackHole()) {
            sb.append("black hole above ").append(r.pathMtu()).append(": no PTB received (")
                    .append(r.blackHoleAbove().getAsInt()).append(" bytes vanished)\n");
        }
        r.error().ifPresent(e -> sb.append("not converged: ").append(e).append('\n'));
        sb.append(String.format(Locale.ROOT, "probes %d, time %.1f ms", r.probes(), r.duration().toNanos() / 1e6));
        return sb.toString();
    }

    private String toJson(PmtuResult r, PmtuSettings s) {
        JsonObjectBuilder o = Json.createObjectBuilder()
                .add("host", host).add("address", Addresses.format(r.peer()))
                .add("pmtu_bytes", r.pathMtu()).add("converged", r.converged())
                .add("ptb_seen", r.ptbSeen());
        r.ptbMtu().ifPresent(m -> o.add("ptb_mtu_bytes", m));
        o.add("black_hole", r.blackHole());
        r.blackHoleAbove().ifPresent(b -> o.add("black_hole_above_bytes", b));
        o.add("probes", r.probes()).add("max_probes", s.maxProbesPerSearch())
                .add("duration_seconds", r.duration().toNanos() / 1e9);
        r.error().ifPresent(e -> o.add("error", e));
        return o.build().toString();
    }
}
