package io.linkguard.agent.runtime;

import io.linkguard.agent.config.LinkConfig;
import io.linkguard.agent.config.RouteActionConfig;
import io.linkguard.agent.events.LinkFact;
import io.linkguard.agent.events.LinkInboxes;
import io.linkguard.probes.Addresses;
import io.linkguard.probes.netlink.RouteMessage;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which links install a route for each prefix, so that a route change the netlink thread hears reaches
 * the links it concerns as a {@link LinkFact.RoutesChanged}, without a lock: the map is replaced whole
 * on each config applied and read through a volatile reference.
 */
final class RouteInterest {
    /** A prefix a route action installs: its address (null: a default route, either family) and length. */
    private record RouteKey(InetAddress destination, int length) {
    }

    private final LinkInboxes inboxes;
    private volatile Map<RouteKey, List<String>> byPrefix = Map.of();

    RouteInterest(LinkInboxes inboxes) {
        this.inboxes = inboxes;
    }

    /** The running links changed (start-up, reload). */
    void update(Collection<LinkConfig> links) {
        Map<RouteKey, List<String>> m = new HashMap<>();
        for (LinkConfig l : links) {
            for (var p : l.paths()) {
                for (var a : p.actions()) {
                    if (a instanceof RouteActionConfig r) {
                        for (var prefix : r.prefixes()) {
                            List<String> names = m.computeIfAbsent(new RouteKey(prefix.length() == 0 ? null
                                    : prefix.address(), prefix.length()), k -> new ArrayList<>());
                            if (!names.contains(l.name())) {
                                names.add(l.name());
                            }
                        }
                    }
                }
            }
        }
        byPrefix = Map.copyOf(m);
    }

    /** On the netlink thread: a route for some prefix was added, changed or deleted. */
    void routeChanged(RouteMessage m) {
        List<String> links = byPrefix.get(new RouteKey(m.destinationLength() == 0 ? null
                : m.destination().orElse(null), m.destinationLength()));
        if (links != null) {
            String cause = (m.deleted() ? "route deleted: " : "route added or changed: ")
                    + m.destination().map(Addresses::format).orElse("default") + "/" + m.destinationLength()
                    + " table " + Integer.toUnsignedString(m.table());
            for (String l : links) {
                inboxes.publish(l, new LinkFact.RoutesChanged(cause));
            }
        }
    }

    /** On the netlink thread: any route may have changed; every link with route actions checks its own. */
    void everyLink(String cause) {
        byPrefix.values().stream().flatMap(List::stream).distinct()
                .forEach(l -> inboxes.publish(l, new LinkFact.RoutesChanged(cause)));
    }
}
