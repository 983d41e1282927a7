package io.linkguard.agent.failover;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The built-in route action: points the remote prefixes at this path's
 * gateway or device with {@code ip route replace}, which is idempotent.
 * What the routes were before is recorded in the result, so an operator can
 * restore them by hand.
 */
public final class RouteAction implements Action {
    private static final Duration IP_TIMEOUT = Duration.ofSeconds(5);
    private static final String IP = "/usr/sbin/ip";

    private final String link;
    private final String path;
    private final List<String> prefixes;
    private final Optional<InetAddress> via;
    private final Optional<String> dev;
    private final Optional<String> table;
    private final HookRedaction redaction;

    public RouteAction(String link, String path, List<String> prefixes, Optional<InetAddress> via,
                       Optional<String> dev, Optional<String> table) {
        this(link, path, prefixes, via, dev, table, new HookRedaction());
    }

    /** @param redaction masks secrets in what {@code ip} printed before it is recorded */
    public RouteAction(String link, String path, List<String> prefixes, Optional<InetAddress> via,
                       Optional<String> dev, Optional<String> table, HookRedaction redaction) {
        this.redaction = redaction;
        this.link = link;
        this.path = path;
        this.prefixes = List.copyOf(prefixes);
        this.via = via;
        this.dev = dev;
        this.table = table;
    }

    @Override
    public String type() {
        return "route";
    }

    /** The argv that points {@code prefix} at this path. */
    List<String> replaceArgv(String prefix) {
        List<String> argv = new ArrayList<>(List.of(IP, prefix.contains(":") ? "-6" : "-4", "route", "replace", prefix));
        via.ifPresent(v -> argv.addAll(List.of("via", v.getHostAddress())));
        dev.ifPresent(d -> argv.addAll(List.of("dev", d)));
        table.ifPresent(t -> argv.addAll(List.of("table", t)));
        return argv;
    }

    private List<String> showArgv(String prefix) {
        List<String> argv = new ArrayList<>(List.of(IP, prefix.contains(":") ? "-6" : "-4", "route", "show", "exact",
                prefix));
        table.ifPresent(t -> argv.addAll(List.of("table", t)));
        return argv;
    }

    @Override
    public ActionResult run(ActionContext context) {
        long start = System.nanoTime();
        StringBuilder what = new StringBuilder();
        StringBuilder before = new StringBuilder();
        for (String prefix : prefixes) {
            CommandRunner.Result was = CommandRunner.run(showArgv(prefix), HookEnvironment.base(),
                    IP_TIMEOUT, redaction);
            before.append(was.output().isEmpty() ? prefix + " (none)" : was.output()).append("; ");
            List<String> argv = replaceArgv(prefix);
            what.append(String.join(" ", argv.subList(1, argv.size()))).append("; ");
            CommandRunner.Result r = CommandRunner.run(argv, HookEnvironment.base(), IP_TIMEOUT, redaction);
            if (r.outcome() != ActionOutcome.OK) {
                return new ActionResult(link, path, type(), what.toString().strip(), r.outcome(), r.exitCode(),
                        Duration.ofNanos(System.nanoTime() - start), redaction.apply(r.output()), Instant.now());
            }
        }
        return new ActionResult(link, path, type(), what.toString().strip(), ActionOutcome.OK, 0,
                Duration.ofNanos(System.nanoTime() - start), redaction.apply("was: " + before.toString().strip()),
                Instant.now());
    }

    /**
     * Whether the system's routes currently point at this path: every prefix's
     * route goes via this gateway and/or device. Used to reconcile at start-up
     * instead of flipping blindly.
     */
    public boolean isActive() {
        for (String prefix : prefixes) {
            CommandRunner.Result r = CommandRunner.run(showArgv(prefix), HookEnvironment.base(), IP_TIMEOUT);
            if (r.outcome() != ActionOutcome.OK || !matches(r.output())) {
                return false;
            }
        }
        return !prefixes.isEmpty();
    }

    /** Pure: does one line of {@code ip route show} output point at this path? */
    boolean matches(String routeLine) {
        String line = " " + routeLine.strip() + " ";
        if (via.isPresent() && !line.contains(" via " + via.get().getHostAddress() + " ")) {
            return false;
        }
        return dev.isEmpty() || line.contains(" dev " + dev.get() + " ");
    }

}
