package io.linkguard.agent.reload;

import io.linkguard.agent.config.Config;
import io.linkguard.agent.config.LinkConfig;
import io.linkguard.agent.config.ProbeConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a reload changes, worked out from the running and the new config alone
 * (pure: no sockets, no threads), so the agent touches only what changed. A
 * BFD session or probe whose config is equal in both stays up: restarting it
 * would flap the session at the peer (RFC 5880 §6.8.1: a new session starts
 * Down with a new discriminator) and empty the probe's loss window.
 *
 * <p>A link's path binding (peer, source, interface, fwmark) is part of every
 * probe's identity: when it changes, all of that link's probes restart.
 * Its controller (health policy, paths and their actions) restarts when the
 * health policy, the paths or the binding change; health then starts again
 * from Unknown and the active path is reconciled from the routes, as at start-up.
 *
 * @param needsRestart  settings that cannot change in a running process (the
 *                      listen address, the node name), one message each
 * @param added         links only in the new config
 * @param removed       links only in the running config
 * @param changed       links in both whose config differs
 * @param alertsChanged the {@code alerts:} section or the state directory differs
 */
public record ConfigDiff(List<String> needsRestart, List<LinkConfig> added, List<LinkConfig> removed,
                         List<LinkChange> changed, boolean alertsChanged) {

    /**
     * One link present in both configs with a different config.
     *
     * @param supervisorChanged the health policy, paths or path binding differ
     * @param probesRemoved     probes of the running config that stop
     * @param probesAdded       probes of the new config that start
     */
    public record LinkChange(LinkConfig before, LinkConfig after, boolean supervisorChanged,
                             List<ProbeConfig> probesRemoved, List<ProbeConfig> probesAdded) {
    }

    public ConfigDiff {
        needsRestart = List.copyOf(needsRestart);
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
    }

    public static ConfigDiff between(Config running, Config next) {
        List<String> restart = new ArrayList<>();
        if (!running.agent().listen().equals(next.agent().listen())) {
            restart.add("agent.listen changed (" + running.agent().listen() + " -> " + next.agent().listen()
                    + "): the HTTP server keeps its address until the agent restarts");
        }
        if (!running.agent().node().equals(next.agent().node())) {
            restart.add("agent.node changed (" + running.agent().node() + " -> " + next.agent().node()
                    + "): metric labels keep the old name until the agent restarts");
        }
        Map<String, LinkConfig> before = byName(running.links());
        Map<String, LinkConfig> after = byName(next.links());
        List<LinkConfig> added = new ArrayList<>();
        List<LinkConfig> removed = new ArrayList<>();
        List<LinkChange> changed = new ArrayList<>();
        for (LinkConfig b : before.values()) {
            if (!after.containsKey(b.name())) {
                removed.add(b);
            }
        }
        for (LinkConfig a : after.values()) {
            LinkConfig b = before.get(a.name());
            if (b == null) {
                added.add(a);
            } else if (!a.equals(b)) {
                changed.add(linkChange(b, a));
            }
        }
        boolean alerts = !Objects.equals(alertsOf(running), alertsOf(next));
        return new ConfigDiff(restart, added, removed, changed, alerts);
    }

    private static LinkChange linkChange(LinkConfig b, LinkConfig a) {
        boolean bindingChanged = !sameBinding(b, a);
        boolean supervisor = bindingChanged || !b.health().equals(a.health()) || !b.paths().equals(a.paths());
        List<ProbeConfig> removed = new ArrayList<>();
        List<ProbeConfig> addedProbes = new ArrayList<>();
        for (ProbeConfig p : b.probes()) {
            if (bindingChanged || !a.probes().contains(p)) {
                removed.add(p);
            }
        }
        for (ProbeConfig p : a.probes()) {
            if (bindingChanged || !b.probes().contains(p)) {
                addedProbes.add(p);
            }
        }
        return new LinkChange(b, a, supervisor, removed, addedProbes);
    }

    /** The socket options every probe of the link is bound with. */
    public static boolean sameBinding(LinkConfig b, LinkConfig a) {
        return b.peer().equals(a.peer()) && b.source().equals(a.source()) && b.iface().equals(a.iface())
                && b.fwmark().equals(a.fwmark());
    }

    private static Object alertsOf(Config c) {
        return List.of(c.alerts(), c.agent().stateDirectory());
    }

    private static Map<String, LinkConfig> byName(List<LinkConfig> links) {
        Map<String, LinkConfig> m = new LinkedHashMap<>();
        for (LinkConfig l : links) {
            m.put(l.name(), l);
        }
        return m;
    }

    /** True if applying this diff changes nothing. */
    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty() && !alertsChanged;
    }

    /** One line for the log: what the reload does. */
    public String summary() {
        if (isEmpty()) {
            return "no changes";
        }
        List<String> parts = new ArrayList<>();
        added.forEach(l -> parts.add("link " + l.name() + " added"));
        removed.forEach(l -> parts.add("link " + l.name() + " removed"));
        for (LinkChange c : changed) {
            parts.add("link " + c.after().name() + ": " + c.probesRemoved().size() + " probe(s) stopped, "
                    + c.probesAdded().size() + " started" + (c.supervisorChanged() ? ", health and paths restarted" : ""));
        }
        if (alertsChanged) {
            parts.add("alert channels restarted");
        }
        return String.join("; ", parts);
    }
}
