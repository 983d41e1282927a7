package io.linkguard.agent.cli;

import io.linkguard.agent.http.BfdJson;
import io.linkguard.bfd.auth.AuthKey;
import io.linkguard.bfd.auth.Authenticator;
import io.linkguard.bfd.auth.KeyFiles;
import io.linkguard.bfd.engine.BfdEngine;
import io.linkguard.bfd.echo.NeighborTable;
import io.linkguard.probes.netlink.KernelListener;
import io.linkguard.probes.netlink.KernelWatcher;
import io.linkguard.bfd.engine.BfdSessionConfig;
import io.linkguard.bfd.engine.BfdSessionView;
import io.linkguard.bfd.engine.BfdStateChange;
import io.linkguard.bfd.packet.AuthType;
import io.linkguard.probes.Addresses;
import jakarta.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code linkguard bfd probe PEER}: one BFD session in the foreground, printing
 * each state change with its time and diagnostic. For checking a router's BFD
 * from a shell without touching the agent's config.
 */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = "Run one BFD session to PEER in the foreground and print every state change.")
final class BfdProbeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PEER", description = "the peer's IPv4 or IPv6 address")
    String peer;

    @Option(names = "--local", paramLabel = "ADDR", description = "source address (required with --multihop)")
    String local;

    @Option(names = "--interface", paramLabel = "IF", description = "bind to this interface (SO_BINDTODEVICE)")
    String iface;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "300ms", converter = DurationConverter.class,
            description = "desired min TX and required min RX interval (default: ${DEFAULT-VALUE})")
    Duration interval;

    @Option(names = "--multiplier", defaultValue = "3", description = "detect multiplier (default: ${DEFAULT-VALUE})")
    int multiplier;

    @Option(names = "--multihop", description = "RFC 5883 multihop (port 4784)")
    boolean multihop;

    @Option(names = "--min-ttl", defaultValue = "254", description = "multihop: lowest TTL accepted (default: ${DEFAULT-VALUE})")
    int minTtl;

    @Option(names = "--passive", description = "wait for the peer to speak first (RFC 5880 §6.1)")
    boolean passive;

    @Option(names = "--auth-type", paramLabel = "TYPE",
            description = "simple-password, keyed-md5, meticulous-keyed-md5, keyed-sha1, meticulous-keyed-sha1")
    String authType;

    @Option(names = "--auth-key-file", paramLabel = "FILE", description = "file holding the key (mode 0600)")
    Path authKeyFile;

    @Option(names = "--auth-key-id", defaultValue = "1", description = "auth key ID (default: ${DEFAULT-VALUE})")
    int authKeyId;

    @Option(names = "--echo", description = "run the Echo function (IPv4 single hop; needs --local; the peer must forward)")
    boolean echo;

    @Option(names = "--echo-interval", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "echo transmit interval (default: --interval)")
    Duration echoInterval;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "how long to run (default: ${DEFAULT-VALUE})")
    Duration duration;

    @Option(names = "--until-up", description = "exit 0 as soon as the session is Up")
    boolean untilUp;

    @Option(names = "--json", description = "one JSON object per line per state change, and a final summary")
    boolean json;

    @Override
    public Integer call() throws Exception {
        InetAddress peerAddr = InetAddress.getByName(peer);
        Optional<InetAddress> localAddr = local == null ? Optional.empty() : Optional.of(InetAddress.getByName(local));
        if (multihop && localAddr.isEmpty()) {
            throw new IllegalArgumentException("--multihop needs --local (RFC 5883 demultiplexes on it)");
        }
        Optional<AuthKey> key = Optional.empty();
        if (authType != null) {
            AuthType t = Arrays.stream(AuthType.values()).filter(a -> a.label().equals(authType)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("--auth-type " + authType
                            + " (expected: simple-password, keyed-md5, meticulous-keyed-md5, keyed-sha1,"
                            + " meticulous-keyed-sha1)"));
            if (authKeyFile == null) {
                throw new IllegalArgumentException("--auth-type needs --auth-key-file");
            }
            key = Optional.of(KeyFiles.load(authKeyFile, t, authKeyId));
        }
        var cfg = new BfdSessionConfig("probe", peerAddr, localAddr, Optional.ofNullable(iface), OptionalLong.empty(),
                multihop, minTtl, interval, interval, multiplier, passive, key,
                echo ? Optional.of(echoInterval != null ? echoInterval : interval) : Optional.empty());
        if (echo && (multihop || localAddr.isEmpty() || !(peerAddr instanceof java.net.Inet4Address))) {
            throw new IllegalArgumentException("--echo needs an IPv4 single-hop session with --local");
        }
        PrintStream out = System.out;
        CountDownLatch up = new CountDownLatch(1);
        SecureRandom random = new SecureRandom();
        if (!json) {
            out.printf("BFD %s session to %s, %d ms x %d%s%n", multihop ? "multihop" : "single-hop",
                    Addresses.format(peerAddr), interval.toMillis(), multiplier, key.isPresent()
                            ? ", " + key.get().type().label() + " key " + key.get().keyId() : "");
        }
        // The echo's next hop comes from the kernel's neighbour table, followed over rtnetlink.
        try (KernelWatcher neighbours = new KernelWatcher(KernelListener.NONE)) {
            if (echo) {
                neighbours.start();
            }
            return run(cfg, key, random, out, up, neighbours);
        }
    }

    private int run(BfdSessionConfig cfg, Optional<AuthKey> key, SecureRandom random, PrintStream out,
                    CountDownLatch up, KernelWatcher neighbours) throws Exception {
        BfdSessionView last;
        try (BfdEngine engine = new BfdEngine(random, NeighborTable.of(neighbours::view))) {
            engine.addSession(cfg, key.map(k -> new Authenticator(k, random)), c -> {
                print(out, c);
                if (c.to() == io.linkguard.bfd.packet.BfdState.UP) {
                    up.countDown();
                }
            });
            boolean wasUp = up.await(duration.toMillis(), TimeUnit.MILLISECONDS);
            if (untilUp || !wasUp) {
                last = engine.sessions().getFirst();
                summary(out, last);
                return wasUp ? Main.EXIT_OK : Main.EXIT_NO_REPLY;
            }
            Thread.sleep(Math.max(0, duration.toMillis()));
            last = engine.sessions().getFirst();
        }
        summary(out, last);
        return Main.EXIT_OK;
    }

    private void print(PrintStream out, BfdStateChange c) {
        if (json) {
            out.println(Json.createObjectBuilder().add("time", Instant.ofEpochMilli(c.epochMillis()).toString())
                    .add("peer", Addresses.format(c.peer())).add("from", c.from().label()).add("to", c.to().label())
                    .add("local_diagnostic", c.localDiag().label()).add("remote_diagnostic", c.remoteDiag().label())
                    .build());
        } else {
            out.printf("%s %s -> %s (local diag: %s, remote diag: %s)%n", Instant.ofEpochMilli(c.epochMillis()),
                    c.from().display(), c.to().display(), c.localDiag().description(), c.remoteDiag().description());
        }
    }

    private void summary(PrintStream out, BfdSessionView v) {
        var s = v.snapshot();
        if (json) {
            out.println(BfdJson.session(v).build());
            return;
        }
        out.printf("state %s, remote %s, local discr %d, remote discr %d, tx %d ms, detect %d ms,"
                        + " packets in %d out %d dropped %d%n", s.sessionState().display(),
                s.remoteSessionState().display(), v.localDiscriminator(), s.remoteDiscr(),
                s.txIntervalMicros() / 1000, s.detectionTimeMicros() / 1000, s.packetsReceived(),
                s.packetsTransmitted(), s.packetsDropped());
        if (v.config().echoInterval().isPresent()) {
            out.printf(java.util.Locale.ROOT, "echo: sent %d, returned %d, last rtt %.3f ms%s%n", v.echoSent(),
                    v.echoReceived(), v.lastEchoRttNanos() / 1e6,
                    s.remoteMinEchoRxMicros() == 0 ? " (the peer does not accept echo: Required Min Echo RX is 0)" : "");
        }
    }
}
