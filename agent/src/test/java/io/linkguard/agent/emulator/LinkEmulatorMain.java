package io.linkguard.agent.emulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The link emulator process: two TUN devices, one moved into each namespace and
 * addressed point to point, and a {@link DirectionRelay} each way between them.
 * It is controlled by {@link ControlProtocol} lines on stdin, answers on stdout
 * and logs to stderr. It exits on "quit", at end of stdin (so it dies with the
 * process that started it), or after {@code --max-lifetime}; its TUN devices
 * vanish with it.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp agent/target/test-classes \
 *   io.linkguard.agent.emulator.LinkEmulatorMain --ns-a A --ns-b B \
 *   --addr 198.18.10.1,198.18.10.2 [--addr fd00:10::1,fd00:10::2] [--ifname emu0] [--mtu 1500] \
 *   [--rt-priority 10] [--seed 1] [--max-lifetime PT15M]
 * </pre>
 * Prints "ready" once both interfaces are up in their namespaces, or "err …" and exits 1.
 */
public final class LinkEmulatorMain {
    static final String READY = "ready";
    static final String KERNEL_NAME_TEMPLATE = "lge%d";
    static final long IP_TIMEOUT_SECONDS = 10;
    static final long STOP_WAIT_MILLIS = 1000;

    /** One address pair: {@code a} goes on namespace A's side, {@code b} on B's. */
    record AddressPair(String a, String b) {
        boolean ipv6() {
            return a.contains(":");
        }
    }

    record Options(String nsA, String nsB, List<AddressPair> addresses, String ifName, int mtu,
                   int realtimePriority, long seed, Duration maxLifetime) {
        static Options parse(String[] args) {
            String nsA = null;
            String nsB = null;
            List<AddressPair> pairs = new ArrayList<>();
            String ifName = "emu0";
            int mtu = 0;
            int priority = 0;
            long seed = 1;
            Duration life = Duration.ofMinutes(15);
            for (int i = 0; i < args.length; i++) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " without a value");
                }
                String v = args[++i];
                switch (args[i - 1]) {
                    case "--ns-a" -> nsA = v;
                    case "--ns-b" -> nsB = v;
                    case "--addr" -> {
                        String[] ab = v.split(",");
                        if (ab.length != 2) {
                            throw new IllegalArgumentException("--addr " + v + " (expected: A-side,B-side)");
                        }
                        pairs.add(new AddressPair(ab[0], ab[1]));
                    }
                    case "--ifname" -> ifName = v;
                    case "--mtu" -> mtu = Integer.parseInt(v);
                    case "--rt-priority" -> priority = Integer.parseInt(v);
                    case "--seed" -> seed = Long.parseLong(v);
                    case "--max-lifetime" -> life = Duration.parse(v);
                    default -> throw new IllegalArgumentException("option " + args[i - 1]);
                }
            }
            if (nsA == null || nsB == null || pairs.isEmpty()) {
                throw new IllegalArgumentException("--ns-a, --ns-b and at least one --addr are required");
            }
            return new Options(nsA, nsB, List.copyOf(pairs), ifName, mtu, priority, seed, life);
        }
    }

    private LinkEmulatorMain() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream log = System.err;
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            out.println(ControlProtocol.ERR + " " + e.getMessage());
            System.exit(2);
            return;
        }
        startWatchdog(options.maxLifetime(), log);
        List<TunDevice> devices = new ArrayList<>();
        Map<Direction, DirectionRelay> relays = new EnumMap<>(Direction.class);
        try {
            TunDevice tunA = TunDevice.open(KERNEL_NAME_TEMPLATE);
            devices.add(tunA);
            TunDevice tunB = TunDevice.open(KERNEL_NAME_TEMPLATE);
            devices.add(tunB);
            configure(tunA.name(), options.nsA(), options, true);
            configure(tunB.name(), options.nsB(), options, false);
            relays.put(Direction.A_TO_B, new DirectionRelay(Direction.A_TO_B, tunA, tunB, options.seed(),
                    options.realtimePriority(), log));
            relays.put(Direction.B_TO_A, new DirectionRelay(Direction.B_TO_A, tunB, tunA, options.seed() + 1,
                    options.realtimePriority(), log));
            relays.values().forEach(DirectionRelay::start);
            log.printf("link emulator: %s (%s) <-> %s (%s) as %s, rt priority %d%n", options.nsA(), tunA.name(),
                    options.nsB(), tunB.name(), options.ifName(), options.realtimePriority());
        } catch (IOException | RuntimeException e) {
            out.println(ControlProtocol.ERR + " setup failed: " + e.getMessage());
            devices.forEach(TunDevice::close);
            System.exit(1);
            return;
        }
        out.println(READY);
        serve(relays, out, log);
        for (DirectionRelay r : relays.values()) {
            r.stop(STOP_WAIT_MILLIS);
        }
        devices.forEach(TunDevice::close);
        System.exit(0);
    }

    private static void serve(Map<Direction, DirectionRelay> relays, PrintStream out, PrintStream log)
            throws IOException {
        ControlProtocol.Link link = new ControlProtocol.Link() {
            @Override
            public void update(Direction single, UnaryOperator<Impairment> change) {
                relays.get(single).update(change);
            }

            @Override
            public LinkStats stats() {
                return new LinkStats(relays.get(Direction.A_TO_B).stats(), relays.get(Direction.B_TO_A).stats());
            }
        };
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            if (line.trim().equals(ControlProtocol.QUIT)) {
                out.println(ControlProtocol.OK);
                return;
            }
            String reply = ControlProtocol.apply(line, link, System::nanoTime);
            if (!line.startsWith(ControlProtocol.STATS)) {
                log.println("> " + line.trim() + "  < " + reply);
            }
            out.println(reply);
        }
        log.println("link emulator: end of control input, exiting");
    }

    /** Moves a TUN device into its namespace, renames, raises and addresses it. */
    private static void configure(String kernelName, String ns, Options o, boolean sideA)
            throws IOException, InterruptedException {
        ip("link", "set", kernelName, "netns", ns);
        String dev = o.ifName();
        if (!dev.equals(kernelName)) {
            ip("-n", ns, "link", "set", kernelName, "name", dev);
        }
        if (o.mtu() > 0) {
            ip("-n", ns, "link", "set", dev, "mtu", Integer.toString(o.mtu()));
        }
        // Up first: an IPv6 peer route is only installed for an address added while the link is up.
        ip("-n", ns, "link", "set", dev, "up");
        for (AddressPair p : o.addresses()) {
            String local = sideA ? p.a() : p.b();
            String peer = sideA ? p.b() : p.a();
            if (p.ipv6()) {
                // nodad: usable at once instead of after duplicate address detection.
                ip("-n", ns, "addr", "add", local, "peer", peer, "dev", dev, "nodad");
            } else {
                ip("-n", ns, "addr", "add", local, "peer", peer, "dev", dev);
            }
        }
    }

    private static void ip(String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("ip"));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        p.getOutputStream().close();
        if (!p.waitFor(IP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", argv));
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", argv) + " exited " + p.exitValue() + ": " + output);
        }
    }

    private static void startWatchdog(Duration maxLifetime, PrintStream log) {
        Thread.ofPlatform().name("emu-watchdog").daemon().start(() -> {
            try {
                Thread.sleep(maxLifetime);
                log.println("link emulator: max lifetime " + maxLifetime + " reached, exiting");
                System.exit(3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
