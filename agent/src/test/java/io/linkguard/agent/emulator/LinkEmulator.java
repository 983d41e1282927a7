package io.linkguard.agent.emulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A userspace link between two network namespaces, with delay, jitter, loss, blackhole
 * and flapping per direction, changeable while it runs. The kernel here has no netem.
 *
 * <p>The relay runs in its own JVM ({@link LinkEmulatorMain}), started from the test
 * classes: the test JVM's garbage collection and JIT cannot stall it, its threads can run
 * SCHED_FIFO without touching the test's, and when it dies (close, kill, or the test JVM
 * dying, which ends its stdin) the kernel removes both TUN interfaces. Each call here is
 * one {@link ControlProtocol} line and waits for its reply, so the change is in effect
 * when the call returns.
 *
 * <pre>{@code
 * try (LinkEmulator link = LinkEmulator.start(nsA, nsB, "198.18.10.1", "198.18.10.2")) {
 *     link.setDelay(Direction.BOTH, Duration.ofMillis(85));   // ~170 ms RTT
 *     link.cut();                                              // both ways, in-flight packets too
 *     link.restore();
 * }
 * }</pre>
 */
public final class LinkEmulator implements AutoCloseable {
    static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    static final Duration REPLY_TIMEOUT = Duration.ofSeconds(5);
    static final Duration EXIT_WAIT = Duration.ofSeconds(3);
    private static final String EOF = "\u0000eof";

    private final Process process;
    private final PrintWriter control;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final Path log;
    private final String interfaceName;

    /** Options for {@link #start()}; every address pair puts {@code a} in namespace A and {@code b} in B. */
    public static final class Builder {
        private final String nsA;
        private final String nsB;
        private final List<String> pairs = new ArrayList<>();
        private String interfaceName = "emu0";
        private int mtu;
        private int realtimePriority = 10;
        private long seed = 1;
        private Duration maxLifetime = Duration.ofMinutes(15);

        private Builder(String nsA, String nsB) {
            this.nsA = nsA;
            this.nsB = nsB;
        }

        /** A point-to-point pair (IPv4 or IPv6); may be given once per family. */
        public Builder addresses(String a, String b) {
            pairs.add(a + "," + b);
            return this;
        }

        /** The interface's name in both namespaces (default emu0). */
        public Builder interfaceName(String name) {
            this.interfaceName = name;
            return this;
        }

        public Builder mtu(int bytes) {
            this.mtu = bytes;
            return this;
        }

        /** SCHED_FIFO priority of the relay threads (default 10); 0 leaves them SCHED_OTHER. */
        public Builder realtimePriority(int priority) {
            this.realtimePriority = priority;
            return this;
        }

        /** Seed of the loss and jitter draws (default 1), for repeatable runs. */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** The emulator exits by itself after this long (default 15 min), whatever happens to the test. */
        public Builder maxLifetime(Duration limit) {
            this.maxLifetime = limit;
            return this;
        }

        public LinkEmulator start() throws IOException, InterruptedException {
            List<String> argv = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-Xmx48m", "-XX:TieredStopAtLevel=1",
                    "-cp", classPath(), LinkEmulatorMain.class.getName(),
                    "--ns-a", nsA, "--ns-b", nsB, "--ifname", interfaceName,
                    "--rt-priority", Integer.toString(realtimePriority), "--seed", Long.toString(seed),
                    "--max-lifetime", maxLifetime.toString()));
            if (mtu > 0) {
                argv.addAll(List.of("--mtu", Integer.toString(mtu)));
            }
            for (String pair : pairs) {
                argv.addAll(List.of("--addr", pair));
            }
            return new LinkEmulator(argv, interfaceName);
        }
    }

    public static Builder builder(String nsA, String nsB) {
        return new Builder(nsA, nsB);
    }

    /** A link with {@code addrA} on namespace A's side and {@code addrB} on B's, and default options. */
    public static LinkEmulator start(String nsA, String nsB, String addrA, String addrB)
            throws IOException, InterruptedException {
        return builder(nsA, nsB).addresses(addrA, addrB).start();
    }

    private LinkEmulator(List<String> argv, String interfaceName) throws IOException, InterruptedException {
        this.interfaceName = interfaceName;
        this.log = Files.createTempFile("link-emulator", ".log");
        this.process = new ProcessBuilder(argv).redirectError(log.toFile()).start();
        this.control = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
        Thread.ofPlatform().name("link-emulator-replies").daemon().start(this::readReplies);
        String first = replies.poll(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (!LinkEmulatorMain.READY.equals(first)) {
            String why = first == null ? "no answer within " + START_TIMEOUT : first.equals(EOF) ? "exited" : first;
            String output = log();
            close();
            throw new IOException("link emulator did not start: " + why + "\n" + output);
        }
    }

    private static String classPath() {
        try {
            return Path.of(LinkEmulatorMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private void readReplies() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                replies.add(line);
            }
        } catch (IOException e) {
            // The process is gone; EOF below says so.
        }
        replies.add(EOF);
    }

    /** Sends one command and returns the payload of its "ok" reply. */
    private synchronized String command(String line) {
        if (!process.isAlive()) {
            throw new IllegalStateException("link emulator has exited (" + process.exitValue() + "):\n" + log());
        }
        control.println(line);
        String reply;
        try {
            reply = replies.poll(REPLY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the link emulator");
        }
        if (reply == null || reply.equals(EOF)) {
            throw new IllegalStateException("link emulator gave no reply to '" + line + "':\n" + log());
        }
        if (reply.startsWith(ControlProtocol.ERR)) {
            throw new IllegalArgumentException(line + ": " + reply.substring(ControlProtocol.ERR.length()).trim());
        }
        return reply.substring(ControlProtocol.OK.length()).trim();
    }

    /** The interface's name in each namespace. */
    public String interfaceName() {
        return interfaceName;
    }

    public void setDelay(Direction d, Duration delay) {
        command(ControlProtocol.delay(d, delay));
    }

    /** Jitter on top of the delay; {@code preserveOrder} keeps packets in order (as one wire would). */
    public void setJitter(Direction d, Duration jitter, JitterShape shape, boolean preserveOrder) {
        command(ControlProtocol.jitter(d, jitter, shape, preserveOrder));
    }

    /** Uniform jitter in [-jitter, +jitter], order preserved. */
    public void setJitter(Direction d, Duration jitter) {
        setJitter(d, jitter, JitterShape.UNIFORM, true);
    }

    /** Random loss with this probability (0 to 1). */
    public void setLoss(Direction d, double probability) {
        command(ControlProtocol.loss(d, probability));
    }

    /** Drops every packet of that direction, in flight too, until switched off. */
    public void blackhole(Direction d, boolean on) {
        command(ControlProtocol.blackhole(d, on));
    }

    public void blackhole(boolean on) {
        blackhole(Direction.BOTH, on);
    }

    /** Cuts the link both ways. */
    public void cut() {
        blackhole(Direction.BOTH, true);
    }

    /** Undoes {@link #cut()} and any flapping, both ways in one step; delay, jitter and loss stay. */
    public void restore() {
        restore(Direction.BOTH);
    }

    /** Blackhole and flapping off in that direction. */
    public void restore(Direction d) {
        command(ControlProtocol.restore(d));
    }

    /** Ends a flap schedule early (the direction is up, unless blackholed). */
    public void stopFlapping(Direction d) {
        command(ControlProtocol.flapOff(d));
    }

    /** Down for {@code down} at the start of every {@code period}, from now for {@code total}; then up. */
    public void flap(Direction d, Duration down, Duration period, Duration total) {
        command(ControlProtocol.flap(d, down, period, total));
    }

    public void flap(Duration down, Duration period, Duration total) {
        flap(Direction.BOTH, down, period, total);
    }

    /** Back to a perfect link in that direction. */
    public void reset(Direction d) {
        command(ControlProtocol.reset(d));
    }

    public void reset() {
        reset(Direction.BOTH);
    }

    public LinkStats stats() {
        return LinkStats.fromWire(command(ControlProtocol.STATS));
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The emulator's own log: setup, each command, warnings. */
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stops the emulator (quit, then SIGTERM, then SIGKILL, by PID) and waits until it is gone,
     * so its interfaces are gone too. An interrupt skips to SIGKILL and is kept for the caller.
     */
    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                control.println(ControlProtocol.QUIT);
                control.close();
                if (!process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroy();
                    if (!process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                        process.destroyForcibly().waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    }
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // A temp file; nothing depends on it.
        }
    }
}
