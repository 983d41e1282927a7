package io.linkguard.agent.cli;

import io.linkguard.probes.Addresses;
import io.linkguard.probes.Outcome;
import io.linkguard.probes.PathBinding;
import io.linkguard.probes.ProbeResult;
import io.linkguard.probes.icmp.IcmpEchoProbe;
import io.linkguard.probes.icmp.IcmpEchoSettings;
import io.linkguard.probes.icmp.IcmpEngine;
import io.linkguard.probes.net.NativeSocketException;
import io.linkguard.probes.sched.LagListener;
import io.linkguard.probes.sched.TimerThreadScheduler;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code linkguard ping HOST}: a one-shot echo run on the agent's own ICMP engine, printed like ping(8). */
@Command(name = "ping", mixinStandardHelpOptions = true,
        description = "Send ICMP echo requests with the agent's probe engine and print ping-style results.")
final class PingCommand implements Callable<Integer> {
    @Parameters(paramLabel = "HOST", description = "IPv4 or IPv6 address (or a name, resolved once)")
    String host;

    @Option(names = "-c", paramLabel = "COUNT", defaultValue = "5", description = "requests to send (default: ${DEFAULT-VALUE})")
    long count;

    @Option(names = "-i", paramLabel = "SECONDS", defaultValue = "1", description = "interval between requests, seconds (min 0.01)")
    double intervalSeconds;

    @Option(names = "-s", paramLabel = "BYTES", defaultValue = "56", description = "ICMP payload size (default: ${DEFAULT-VALUE})")
    int size;

    @Option(names = "-W", paramLabel = "SECONDS", defaultValue = "2", description = "reply timeout, seconds")
    double timeoutSeconds;

    @Option(names = "-M", paramLabel = "do|dont", defaultValue = "dont",
            description = "path MTU discovery: 'do' sets DF and never fragments")
    String pmtu;

    @Option(names = "-Q", paramLabel = "TOS", defaultValue = "0", description = "IPv4 TOS / IPv6 traffic class")
    int tos;

    @Option(names = "-I", paramLabel = "IF|ADDR", description = "source interface (SO_BINDTODEVICE) or source address")
    String bindTo;

    @Option(names = "-m", paramLabel = "MARK", description = "SO_MARK firewall mark (decimal or 0x hex)")
    String mark;

    @Option(names = "--json", description = "print one JSON document instead of ping-style lines")
    boolean json;

    @Override
    public Integer call() throws Exception {
        validate();
        InetAddress target = InetAddress.getByName(host);
        PathBinding binding = binding();
        boolean df = pmtu.equals("do");
        var settings = new IcmpEchoSettings(Duration.ofNanos((long) (intervalSeconds * 1e9)),
                Duration.ofNanos((long) (timeoutSeconds * 1e9)), size, df, tos, 100);
        PrintStream out = System.out;
        PingSummary summary = new PingSummary();
        CountDownLatch done = new CountDownLatch(1);
        long started = System.nanoTime();
        try (var scheduler = new TimerThreadScheduler("ping-timer", LagListener.NONE);
             var engine = new IcmpEngine(scheduler, new SecureRandom())) {
            IcmpEchoProbe[] holder = new IcmpEchoProbe[1];
            IcmpEchoProbe probe = engine.newProbe("ping", target, binding, settings, r -> {
                summary.add(r);
                if (!json) {
                    printLine(out, r, holder[0], target);
                }
                if (summary.completed() >= count) {
                    done.countDown();
                }
            });
            holder[0] = probe;
            probe.limitCount(count);
            try {
                probe.start();
            } catch (NativeSocketException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            if (!json) {
                int header = target instanceof Inet6Address ? 40 : 20;
                out.printf("PING %s (%s) %d(%d) bytes of data.%n", host, Addresses.format(target), size,
                        size + 8 + header);
            }
            long budgetMillis = (long) (count * intervalSeconds * 1000 + timeoutSeconds * 1000) + 2000;
            done.await(budgetMillis, TimeUnit.MILLISECONDS);
            probe.close();
        }
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        if (json) {
            out.println(toJson(target, summary));
        } else {
            printSummary(out, summary, elapsedMillis);
        }
        return summary.received() > 0 ? Main.EXIT_OK : Main.EXIT_NO_REPLY;
    }

    private void validate() {
        if (count < 1) {
            throw new IllegalArgumentException("-c " + count + " (expected: >= 1)");
        }
        if (intervalSeconds < 0.01) {
            throw new IllegalArgumentException("-i " + intervalSeconds + " (expected: >= 0.01)");
        }
        if (size < 0 || size > 65_507) {
            throw new IllegalArgumentException("-s " + size + " (expected: 0..65507)");
        }
        if (!pmtu.equals("do") && !pmtu.equals("dont")) {
            throw new IllegalArgumentException("-M " + pmtu + " (expected: do or dont)");
        }
        if (tos < 0 || tos > 255) {
            throw new IllegalArgumentException("-Q " + tos + " (expected: 0..255)");
        }
    }

    private PathBinding binding() throws Exception {
        Optional<InetAddress> source = Optional.empty();
        Optional<String> iface = Optional.empty();
        if (bindTo != null) {
            if (bindTo.matches("[0-9.]+|.*:.*")) {
                source = Optional.of(InetAddress.getByName(bindTo));
            } else {
                iface = Optional.of(bindTo);
            }
        }
        OptionalLong fwmark = mark == null ? OptionalLong.empty()
                : OptionalLong.of(mark.startsWith("0x") ? Long.parseLong(mark.substring(2), 16) : Long.parseLong(mark));
        return new PathBinding(source, iface, fwmark);
    }

    private void printLine(PrintStream out, ProbeResult r, IcmpEchoProbe probe, InetAddress target) {
        int icmpSeq = ((int) r.sequence() - probe.firstSequence() & 0xffff) + 1;
        String from = Addresses.format(target);
        switch (r.outcome()) {
            case SUCCESS -> out.printf(Locale.ROOT, "%d bytes from %s: icmp_seq=%d time=%.3f ms%n", size + 8, from,
                    icmpSeq, r.rttNanos() / 1e6);
            case DUPLICATE -> out.printf(Locale.ROOT, "%d bytes from %s: icmp_seq=%d time=%.3f ms (DUP!)%n", size + 8,
                    from, icmpSeq, r.rttNanos() / 1e6);
            case LATE -> out.printf(Locale.ROOT, "%d bytes from %s: icmp_seq=%d time=%.3f ms (late, counted lost)%n",
                    size + 8, from, icmpSeq, r.rttNanos() / 1e6);
            case TIMEOUT -> out.printf("no reply from %s: icmp_seq=%d (timeout)%n", from, icmpSeq);
            case FAILED -> {
                var err = probe.lastError();
                String by = err != null && err.offender() != null ? "From " + Addresses.format(err.offender()) + " " : "";
                out.printf("%sicmp_seq=%d %s%n", by, icmpSeq, r.reason().label().replace('_', ' '));
            }
        }
    }

    private static void printSummary(PrintStream out, PingSummary s, long elapsedMillis) {
        out.println();
        out.printf("--- ping statistics ---%n");
        String extra = (s.duplicates() > 0 ? ", +" + s.duplicates() + " duplicates" : "")
                + (s.errors() > 0 ? ", +" + s.errors() + " errors" : "");
        out.printf(Locale.ROOT, "%d packets transmitted, %d received%s, %.0f%% packet loss, time %dms%n",
                s.transmitted(), s.received(), extra, s.lossRatio() * 100, elapsedMillis);
        if (s.received() > 0) {
            out.printf(Locale.ROOT, "rtt min/avg/max/mdev = %.3f/%.3f/%.3f/%.3f ms%n",
                    s.minMillis(), s.avgMillis(), s.maxMillis(), s.mdevMillis());
        }
    }

    private String toJson(InetAddress target, PingSummary s) {
        JsonArrayBuilder replies = Json.createArrayBuilder();
        for (ProbeResult r : s.results()) {
            JsonObjectBuilder o = Json.createObjectBuilder().add("sequence", r.sequence())
                    .add("outcome", r.outcome().label());
            if (r.rttNanos() >= 0) {
                o.add("rtt_seconds", r.rttSeconds());
            }
            if (r.outcome() == Outcome.FAILED) {
                o.add("reason", r.reason().label());
            }
            replies.add(o);
        }
        JsonObjectBuilder doc = Json.createObjectBuilder()
                .add("host", host).add("address", Addresses.format(target))
                .add("payload_bytes", size)
                .add("transmitted", s.transmitted()).add("received", s.received())
                .add("duplicates", s.duplicates()).add("errors", s.errors())
                .add("loss_ratio", s.lossRatio());
        if (s.received() > 0) {
            doc.add("rtt_seconds", Json.createObjectBuilder()
                    .add("min", s.minMillis() / 1e3).add("avg", s.avgMillis() / 1e3)
                    .add("max", s.maxMillis() / 1e3).add("mdev", s.mdevMillis() / 1e3));
        }
        doc.add("replies", replies);
        return doc.build().toString();
    }
}
