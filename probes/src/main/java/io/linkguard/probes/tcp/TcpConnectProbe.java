package io.linkguard.probes.tcp;

import io.linkguard.probes.Addresses;
import io.linkguard.probes.FailureReason;
import io.linkguard.probes.Outcome;
import io.linkguard.probes.PathBinding;
import io.linkguard.probes.Probe;
import io.linkguard.probes.ProbeKind;
import io.linkguard.probes.ProbeListener;
import io.linkguard.probes.ProbeResult;
import io.linkguard.probes.ProbeStats;
import io.linkguard.probes.net.Errno;
import io.linkguard.probes.net.LinuxSocket;
import io.linkguard.probes.net.NativeSocketException;
import io.linkguard.probes.net.RealtimeClock;
import io.linkguard.probes.sched.ProbeScheduler;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Measures the TCP three-way handshake to host:port: the time from connect()
 * to the socket turning writable (SYN out, SYN-ACK in). A refused connect
 * (RST) means the host answered but nothing listens; the reason says which.
 */
public final class TcpConnectProbe implements Probe {
    private final String link;
    private final InetSocketAddress destination;
    private final PathBinding binding;
    private final TcpConnectSettings settings;
    private final ProbeListener listener;
    private final ProbeScheduler scheduler;
    private final ConnectWatcher watcher;
    private final RandomGenerator random;
    private final ProbeStats stats;
    private final String targetLabel;
    private ProbeScheduler.Cancellable ticking;
    private long sequence;

    public TcpConnectProbe(String link, InetAddress host, PathBinding binding, TcpConnectSettings settings,
                           ProbeListener listener, ProbeScheduler scheduler, ConnectWatcher watcher,
                           RandomGenerator random) {
        this.link = link;
        this.destination = new InetSocketAddress(host, settings.port());
        this.binding = binding;
        this.settings = settings;
        this.listener = listener;
        this.scheduler = scheduler;
        this.watcher = watcher;
        this.random = random;
        this.stats = new ProbeStats(settings.windowSize());
        String h = Addresses.format(host);
        this.targetLabel = (host instanceof Inet6Address ? "[" + h + "]" : h) + ":" + settings.port();
    }

    @Override
    public ProbeKind kind() {
        return ProbeKind.TCP;
    }

    @Override
    public String link() {
        return link;
    }

    @Override
    public String target() {
        return targetLabel;
    }

    @Override
    public synchronized void start() throws NativeSocketException {
        if (ticking != null) {
            return;
        }
        // Fail at start-up, not on every tick, if the binding cannot work (bad interface, missing capability).
        openSocket().close();
        long phase = (long) (random.nextDouble() * settings.interval().toNanos());
        ticking = scheduler.scheduleAtFixedRate(Duration.ofNanos(phase), settings.interval(), this::connectOnce);
    }

    private LinuxSocket openSocket() throws NativeSocketException {
        LinuxSocket s = LinuxSocket.tcp(LinuxSocket.Family.of(destination.getAddress()));
        try {
            binding.applyTo(s);
            return s;
        } catch (NativeSocketException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** Runs on the scheduler thread: start one connect and hand it to the watcher. */
    void connectOnce() {
        long seq;
        synchronized (this) {
            seq = sequence++;
        }
        stats.onSent();
        long sentEpoch = RealtimeClock.nowNanos();
        long start = System.nanoTime();
        LinuxSocket s = null;
        try {
            s = openSocket();
            if (s.connect(destination)) {
                long end = System.nanoTime();
                s.close();
                emit(seq, Outcome.SUCCESS, FailureReason.NONE, end - start, sentEpoch);
                return;
            }
        } catch (NativeSocketException e) {
            if (s != null) {
                s.close();
            }
            emit(seq, Outcome.FAILED, TcpFailures.of(e.errno()), -1, sentEpoch);
            return;
        }
        watcher.watch(s, start + settings.timeout().toNanos(), (errno, end) -> {
            if (errno == 0) {
                emit(seq, Outcome.SUCCESS, FailureReason.NONE, end - start, sentEpoch);
            } else if (errno < 0) {
                emit(seq, Outcome.TIMEOUT, FailureReason.TIMEOUT, -1, sentEpoch);
            } else {
                emit(seq, Outcome.FAILED, TcpFailures.of(Errno.of(errno)), -1, sentEpoch);
            }
        });
    }

    private void emit(long seq, Outcome outcome, FailureReason reason, long rttNanos, long sentEpoch) {
        ProbeResult r = new ProbeResult(link, ProbeKind.TCP, targetLabel, seq, outcome, reason, rttNanos, sentEpoch);
        stats.record(r);
        listener.onResult(r);
    }

    @Override
    public ProbeStats.Snapshot stats() {
        return stats.snapshot();
    }

    @Override
    public synchronized void close() {
        if (ticking != null) {
            ticking.cancel();
            ticking = null;
        }
    }
}
