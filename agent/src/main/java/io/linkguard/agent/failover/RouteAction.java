package io.linkguard.agent.failover;

import io.linkguard.agent.config.IpPrefix;
import io.linkguard.probes.Addresses;
import io.linkguard.probes.netlink.RouteMessage;
import io.linkguard.probes.netlink.RouteRequest;
import io.linkguard.probes.netlink.RtnetlinkException;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The built-in route action: points the remote prefixes at this path's gateway or device with an
 * rtnetlink RTM_NEWROUTE and NLM_F_REPLACE (what {@code ip route replace} sends), idempotent, and waits for
 * the kernel's acknowledgement: no process is forked. What the routes were before is recorded in the
 * result, so an operator can restore them by hand.
 */
public final class RouteAction implements Action {
    /** rtnetlink(7) address families. */
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;

    private final String link;
    private final String path;
    private final List<IpPrefix> prefixes;
    private final Optional<InetAddress> via;
    private final Optional<String> dev;
    private final Optional<String> tableName;
    private final RouteTable table;

    public RouteAction(String link, String path, List<IpPrefix> prefixes, Optional<InetAddress> via,
                       Optional<String> dev, Optional<String> tableName, RouteTable table) {
        this.link = link;
        this.path = path;
        this.prefixes = List.copyOf(prefixes);
        this.via = via;
        this.dev = dev;
        this.tableName = tableName;
        this.table = table;
    }

    @Override
    public String type() {
        return "route";
    }

    public List<IpPrefix> prefixes() {
        return prefixes;
    }

    /** The output interface this action names, if it names one. */
    public Optional<String> dev() {
        return dev;
    }

    /** {@code 10.20.0.0/16 via 10.255.0.2 dev gre-sg table 100}, as {@code ip route} would print it. */
    String describe(IpPrefix prefix) {
        StringBuilder b = new StringBuilder(prefix.toString());
        via.ifPresent(v -> b.append(" via ").append(Addresses.format(v)));
        dev.ifPresent(d -> b.append(" dev ").append(d));
        tableName.ifPresent(t -> b.append(" table ").append(t));
        return b.toString();
    }

    @Override
    public ActionResult run(ActionContext context) {
        long start = System.nanoTime();
        StringBuilder what = new StringBuilder();
        StringBuilder before = new StringBuilder();
        Map<Integer, List<RouteMessage>> dumps = new HashMap<>(); // one dump per family, not one per prefix
        for (IpPrefix prefix : prefixes) {
            what.append("replace ").append(describe(prefix)).append("; ");
            try {
                int tableId = RouteTables.resolve(tableName);
                int oif = outIndex();
                Optional<RouteMessage> was = find(prefix, tableId, dumps);
                before.append(was.map(this::describe).orElse(prefix + " (none)")).append("; ");
                table.replace(new RouteRequest(family(prefix), tableId, prefix.address(), prefix.length(), via, oif));
            } catch (IOException e) {
                int errno = e instanceof RtnetlinkException r ? r.errno() : 1;
                return result(what, ActionOutcome.FAILED, errno, start, e.getMessage());
            }
        }
        return result(what, ActionOutcome.OK, 0, start, "was: " + before.toString().strip());
    }

    private ActionResult result(StringBuilder what, ActionOutcome outcome, int code, long start, String detail) {
        return new ActionResult(link, path, type(), what.toString().strip(), outcome, code,
                Duration.ofNanos(System.nanoTime() - start), detail, Instant.now());
    }

    /** The output interface's index now; 0 without {@code dev}. */
    private int outIndex() throws IOException {
        if (dev.isEmpty()) {
            return 0;
        }
        OptionalInt i = table.interfaceIndex(dev.get());
        if (i.isEmpty()) {
            throw new IOException("no such device " + dev.get() + " (ENODEV)");
        }
        return i.getAsInt();
    }

    /**
     * Whether the kernel's routes point at this path now: every prefix's route goes via this gateway
     * and/or device. Used to reconcile at start-up instead of flipping blindly.
     */
    public boolean isActive() {
        try {
            return drift().isEmpty() && !prefixes.isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * What differs between this path's routes and the kernel's now, one phrase per prefix (e.g. {@code
     * 10.20.0.0/16 is gone}, {@code 10.20.0.0/16 is now via 192.0.2.1 dev eth0}); empty if they match.
     */
    public Optional<String> drift() throws IOException {
        int tableId = RouteTables.resolve(tableName);
        OptionalInt oif = dev.isEmpty() ? OptionalInt.empty() : table.interfaceIndex(dev.get());
        List<String> out = new ArrayList<>();
        Map<Integer, List<RouteMessage>> dumps = new HashMap<>();
        for (IpPrefix prefix : prefixes) {
            Optional<RouteMessage> now = find(prefix, tableId, dumps);
            if (now.isEmpty()) {
                out.add(describe(prefix) + " is gone");
            } else if (!matches(now.get(), oif)) {
                out.add(describe(prefix) + " is now " + describe(now.get()));
            }
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", out));
    }

    /** Pure: does this kernel route point at this path? {@code oif} empty: the device is absent. */
    boolean matches(RouteMessage m, OptionalInt oif) {
        if (via.isPresent() && !m.gateway().equals(via)) {
            return false;
        }
        return dev.isEmpty() || oif.isPresent() && m.outIndex() == oif.getAsInt();
    }

    /**
     * IP6_RT_PRIO_USER: the metric the kernel gives an IPv6 route added without one (ours), and reports in
     * RTA_PRIORITY; an IPv4 route without one has metric 0 and usually no RTA_PRIORITY at all.
     */
    static final int IPV6_DEFAULT_METRIC = 1024;

    /** The route {@code ip route replace} would have replaced: same table, prefix and default metric. */
    private Optional<RouteMessage> find(IpPrefix prefix, int tableId, Map<Integer, List<RouteMessage>> dumps)
            throws IOException {
        int family = family(prefix);
        int metric = family == AF_INET6 ? IPV6_DEFAULT_METRIC : 0;
        List<RouteMessage> routes = dumps.get(family);
        if (routes == null) {
            routes = table.routes(family);
            dumps.put(family, routes);
        }
        for (RouteMessage m : routes) {
            if (m.table() == tableId && isFor(m, prefix) && m.priority().orElse(metric) == metric) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** Pure: is this kernel route the one for {@code prefix} (a default route has no RTA_DST)? */
    static boolean isFor(RouteMessage m, IpPrefix prefix) {
        return m.destinationLength() == prefix.length()
                && (prefix.length() == 0 || m.destination().map(prefix.address()::equals).orElse(false));
    }

    /** {@code via 192.0.2.1 dev eth0}, or {@code dev gre1}. */
    private String describe(RouteMessage m) {
        StringBuilder b = new StringBuilder();
        m.destination().ifPresentOrElse(d -> b.append(Addresses.format(d)).append('/').append(m.destinationLength()),
                () -> b.append("default"));
        m.gateway().ifPresent(g -> b.append(" via ").append(Addresses.format(g)));
        if (m.outIndex() != 0) {
            b.append(" dev ").append(table.interfaceName(m.outIndex()).orElse("#" + m.outIndex()));
        }
        return b.toString();
    }

    static int family(IpPrefix prefix) {
        return prefix.address() instanceof Inet6Address ? AF_INET6 : AF_INET;
    }
}
