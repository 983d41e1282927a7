package io.linkguard.agent.emulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * iputils ping run inside a namespace, with its output parsed: what the emulator's
 * accuracy is judged by. Timestamps ({@code -D}) are wall-clock epoch microseconds.
 */
public final class Ping {
    private static final Pattern REPLY = Pattern.compile(
            "^\\[(\\d+)\\.(\\d{6})] \\d+ bytes from \\S+: icmp_seq=(\\d+) .*time=([0-9.]+) ms", Pattern.MULTILINE);
    private static final Pattern SUMMARY = Pattern.compile(
            "(\\d+) packets transmitted, (\\d+) received.*?, time (\\d+)ms");
    private static final Pattern RTT_SUMMARY = Pattern.compile(
            "rtt min/avg/max/mdev = ([0-9.]+)/([0-9.]+)/([0-9.]+)/([0-9.]+) ms");

    /** One echo reply: sequence number, when it arrived (epoch µs) and its RTT. */
    public record Reply(int sequence, long epochMicros, double rttMillis) {
    }

    /** ping's own RTT summary, in µs resolution (a reply line shows only 3 digits: "time=100 ms"). */
    public record RttSummary(double minMillis, double avgMillis, double maxMillis, double mdevMillis) {
    }

    /**
     * A finished run.
     *
     * @param elapsedMillis ping's "time": first send to last (ping -i 0.01 really sends about every 16 ms here)
     * @param rtt           null when nothing came back
     */
    public record Result(int transmitted, int received, long elapsedMillis, RttSummary rtt, List<Reply> replies,
                         String output) {
        public double lossFraction() {
            return transmitted == 0 ? 1 : 1 - (double) received / transmitted;
        }

        /** The {@code q}-quantile (0..1) of the RTTs, nearest rank. */
        public double rttQuantileMillis(double q) {
            if (replies.isEmpty()) {
                throw new IllegalStateException("no replies:\n" + output);
            }
            double[] sorted = replies.stream().mapToDouble(Reply::rttMillis).sorted().toArray();
            return sorted[(int) Math.round(q * (sorted.length - 1))];
        }

        public String summary() {
            if (replies.isEmpty()) {
                return String.format(Locale.ROOT, "%d sent, 0 received", transmitted);
            }
            return String.format(Locale.ROOT, "%d sent, loss %.3f, RTT min/avg/max/mdev %.3f/%.3f/%.3f/%.3f,"
                            + " p10/p50/p90/p99 %.1f/%.1f/%.1f/%.1f ms", transmitted, lossFraction(), rtt.minMillis(),
                    rtt.avgMillis(), rtt.maxMillis(), rtt.mdevMillis(), rttQuantileMillis(0.1),
                    rttQuantileMillis(0.5), rttQuantileMillis(0.9), rttQuantileMillis(0.99));
        }
    }

    /** A ping running in the background. */
    public static final class Running {
        private final Process process;
        private final Path output;
        private final Duration limit;

        private Running(Process process, Path output, Duration limit) {
            this.process = process;
            this.output = output;
            this.limit = limit;
        }

        /** Waits for ping to finish (killing it, by PID, past its time limit) and parses its output. */
        public Result await() throws IOException, InterruptedException {
            try {
                if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                    throw new IOException("ping ran past " + limit + ":\n" + Files.readString(output));
                }
                return parse(Files.readString(output, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(output);
            }
        }
    }

    private Ping() {
    }

    /**
     * Starts {@code count} echoes at {@code interval} from namespace {@code ns}. After the last,
     * ping waits two RTTs for stragglers, or 1 s if nothing came back at all.
     */
    public static Running start(String ns, String target, int count, Duration interval)
            throws IOException {
        Path out = Files.createTempFile("ping", ".out");
        String seconds = String.format(Locale.ROOT, "%.3f", interval.toNanos() / 1e9);
        Process p = new ProcessBuilder("ip", "netns", "exec", ns, "ping", "-n", "-D", "-W", "1",
                "-i", seconds, "-c", Integer.toString(count), target)
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        p.getOutputStream().close();
        // ping's real interval is coarser than asked (about 16 ms for 10 ms here).
        Duration limit = interval.plusMillis(10).multipliedBy(count).plusSeconds(10);
        return new Running(p, out, limit);
    }

    /** Runs {@code count} echoes at {@code interval} and waits for the result. */
    public static Result run(String ns, String target, int count, Duration interval)
            throws IOException, InterruptedException {
        return start(ns, target, count, interval).await();
    }

    static Result parse(String output) {
        List<Reply> replies = new ArrayList<>();
        Matcher m = REPLY.matcher(output);
        while (m.find()) {
            long micros = Long.parseLong(m.group(1)) * 1_000_000 + Long.parseLong(m.group(2));
            replies.add(new Reply(Integer.parseInt(m.group(3)), micros, Double.parseDouble(m.group(4))));
        }
        Matcher s = SUMMARY.matcher(output);
        if (!s.find()) {
            throw new IllegalStateException("no ping summary (expected: 'N packets transmitted'):\n" + output);
        }
        Matcher r = RTT_SUMMARY.matcher(output);
        RttSummary rtt = r.find() ? new RttSummary(Double.parseDouble(r.group(1)), Double.parseDouble(r.group(2)),
                Double.parseDouble(r.group(3)), Double.parseDouble(r.group(4))) : null;
        return new Result(Integer.parseInt(s.group(1)), Integer.parseInt(s.group(2)), Long.parseLong(s.group(3)), rtt,
                List.copyOf(replies), output);
    }
}
