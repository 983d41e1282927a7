package io.linkguard.agent.it;

import io.linkguard.probes.PathBinding;
import io.linkguard.probes.net.LinuxSocket;
import io.linkguard.probes.pmtu.PmtuMonitor;
import io.linkguard.probes.pmtu.PmtuSettings;

import java.net.InetAddress;
import java.time.Duration;

/**
 * Runs a {@link PmtuMonitor} inside a test namespace (PmtuIT starts it there with the test
 * class path) and prints one line per search: {@code search pmtu=N black_hole=B ptb=P probes=K}.
 * Args: peer interval-ms check-interval-ms seconds (the process ends after that many seconds).
 */
public final class PmtuMonitorMain {
    public static void main(String[] args) throws Exception {
        InetAddress peer = InetAddress.ofLiteral(args[0]);
        PmtuSettings s = PmtuSettings.defaults(LinuxSocket.Family.of(peer)).withProbeTimeout(Duration.ofMillis(300));
        long seconds = Math.min(120, Long.parseLong(args[3]));
        try (PmtuMonitor m = new PmtuMonitor("it", peer, PathBinding.NONE, s,
                Duration.ofMillis(Long.parseLong(args[1])), Duration.ofMillis(Long.parseLong(args[2])),
                (link, r) -> {
                    System.out.println("search pmtu=" + r.pathMtu() + " black_hole=" + r.blackHole() + " ptb="
                            + r.ptbSeen() + " probes=" + r.probes() + r.error().map(e -> " error=" + e).orElse(""));
                    System.out.flush();
                })) {
            m.start();
            Thread.sleep(seconds * 1000); // the monitor's lifetime, as asked on the command line
        }
    }
}
