package io.linkguard.agent.runtime;

import io.linkguard.agent.config.BfdProbeConfig;
import io.linkguard.agent.config.LinkConfig;
import io.linkguard.agent.config.LinkHealthConfig;
import io.linkguard.agent.health.InterfaceCondition;
import io.linkguard.agent.health.InterfaceReading;
import io.linkguard.core.log.Log;
import io.linkguard.probes.netlink.KernelView;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which links' probes and BFD sessions are bound to their interface now, and what each link's controller
 * was last told of it. A link whose interface or source address is absent is not an error: it runs with
 * nothing bound (its controller hears {@code interface_absent}), and binds when the kernel says the
 * interface is there. An interface deleted and created again has a new index: SO_BINDTODEVICE and the BFD
 * session's arrival check name the old one, so everything bound to it binds again.
 *
 * <p>Not thread-safe: {@link RunningLinks} calls it under its lock, from start-up, reloads and the
 * {@code bindings} thread alike.
 */
final class LinkBindings {

    /** Starts and stops what a link binds (its probes and BFD session). */
    interface Binder {
        /** @return one operator-facing message per part that could not start */
        List<String> bind(LinkConfig link);

        void unbind(LinkConfig link);
    }

    /** Where readings go: the link's controller (as a fact) and the interface metrics. */
    interface Listener {
        void reading(String link, InterfaceReading reading);

        void changed(String link, String iface, Change change);
    }

    /** {@code linkguard_interface_changes_total}'s change label. */
    enum Change {
        CREATED, DELETED, UP, DOWN;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Binder binder;
    private final Listener listener;
    private final Map<String, InterfaceReading> readings = new HashMap<>();
    private final Set<String> bound = new HashSet<>();
    /** Bound links a part of which could not start: bound again on the interface's next change. */
    private final Set<String> incomplete = new HashSet<>();

    LinkBindings(Binder binder, Listener listener) {
        this.binder = binder;
        this.listener = listener;
    }

    /**
     * A link added, or its controller started anew: its reading is told (the new controller knows nothing
     * yet) and, if it can bind, it binds.
     *
     * @return what could not start
     */
    List<String> start(LinkConfig link, KernelView view) {
        InterfaceReading r = InterfaceReading.of(view, link.iface(), link.source());
        InterfaceReading before = readings.put(link.name(), r);
        if (r.condition() != InterfaceCondition.PRESENT) {
            Log.warn("link %s: %s: %s until it is", link.name(), r.detail(),
                    r.condition().unbound() ? "nothing bound to it" : "judged down");
        }
        // A new controller knows nothing; a kept one may have heard an older reading than this (a reload that
        // took the lock before the bindings thread could tell it the interface came up).
        if (r.condition() != InterfaceCondition.PRESENT || before != null && !before.equals(r)) {
            listener.reading(link.name(), r);
        }
        if (!bindable(link, r) || bound.contains(link.name())) {
            return List.of(); // bound when it is present and up
        }
        return bind(link, view);
    }

    /**
     * Present and up; or, for a link whose {@code health.interface_down} is {@code ignore}, there but down
     * too (its probes judge it). Bound while down, a socket may fail to bind a source not configured yet:
     * that part is tried again once the interface is present.
     */
    private static boolean bindable(LinkConfig link, InterfaceReading r) {
        return r.condition() == InterfaceCondition.PRESENT || r.condition() == InterfaceCondition.INTERFACE_DOWN
                && link.health().interfaceDown() == LinkHealthConfig.InterfaceDown.IGNORE;
    }

    /** Whether probes added to this running link start now (else they start when it binds). */
    boolean isBound(String link) {
        return bound.contains(link);
    }

    /** A new controller for a running link: tell it the reading, unless there is nothing to tell. */
    void retell(String link) {
        InterfaceReading r = readings.get(link);
        if (r != null && r.condition() != InterfaceCondition.PRESENT) {
            listener.reading(link, r);
        }
    }

    private void unbind(LinkConfig link) {
        bound.remove(link.name());
        incomplete.remove(link.name());
        binder.unbind(link);
    }

    /** The link is removed, or about to be unbound by a reload that changes it: unbind and forget. */
    void stop(LinkConfig link) {
        if (bound.remove(link.name())) {
            binder.unbind(link);
        }
        incomplete.remove(link.name());
        readings.remove(link.name());
    }

    /** The kernel's tables changed: each link is read again; changes are told, bound, unbound, re-bound. */
    void kernelChanged(Collection<LinkConfig> links, KernelView view) {
        for (LinkConfig link : links) {
            InterfaceReading before = readings.get(link.name());
            InterfaceReading now = InterfaceReading.of(view, link.iface(), link.source());
            if (before == null || now.equals(before)) {
                continue;
            }
            readings.put(link.name(), now);
            link.iface().ifPresent(i -> changes(before, now).forEach(c -> listener.changed(link.name(), i, c)));
            listener.reading(link.name(), now);
            boolean recreated = before.ifindex() != 0 && now.ifindex() != 0 && before.ifindex() != now.ifindex();
            String name = link.name();
            if (bound.contains(name) && (now.condition().unbound() || recreated)) {
                // Gone, or there again under a new index that SO_BINDTODEVICE and BFD's arrival check do not hold.
                Log.notice("link %s: unbinding its probes and BFD session: %s%s", name, now.detail(),
                        recreated ? " (was index " + before.ifindex() + ")" : "");
                unbind(link);
            }
            if (bound.contains(name) && incomplete.contains(name) && now.condition() == InterfaceCondition.PRESENT) {
                Log.notice("link %s: %s: binding again what had not started", name, now.detail());
                unbind(link);
            }
            if (!bound.contains(name) && bindable(link, now)) {
                // Only once it is up with its address: bound while down, a socket could not bind its source
                // (a re-created interface is often set up before its address is added) and probes would
                // measure nothing.
                bind(link, view).forEach(p -> Log.error("link %s: binding after %s: %s", name, now.detail(), p));
            }
        }
    }

    /**
     * Binds. A part that fails to start is reported and the rest run, as a reload does: it is tried again
     * when the interface next changes (deleted and created, or its source address added).
     */
    private List<String> bind(LinkConfig link, KernelView view) {
        echoProblem(link, view).ifPresent(p -> Log.error("link %s: %s", link.name(), p));
        bound.add(link.name());
        List<String> problems = binder.bind(link);
        if (problems.isEmpty()) {
            incomplete.remove(link.name());
        } else {
            incomplete.add(link.name());
        }
        return problems;
    }

    /**
     * The config check cannot see an interface that does not exist yet: one created later as a tunnel
     * (GRE, TUN, PPP) has no Ethernet next hop, and BFD echoes through it can never come back.
     */
    static Optional<String> echoProblem(LinkConfig link, KernelView view) {
        boolean echo = link.probes().stream().anyMatch(p -> p instanceof BfdProbeConfig b && b.echoInterval().isPresent());
        if (!echo || link.iface().isEmpty()) {
            return Optional.empty();
        }
        return view.link(link.iface().get()).filter(l -> !l.hasEthernetNextHop()).map(l -> "BFD echo cannot work: "
                + l.name() + " has no Ethernet next hop (ARPHRD type " + l.type() + "), so the session's echoes"
                + " are never answered; turn echo off for this link");
    }

    /** The interface changes between two readings, for the counters. */
    static List<Change> changes(InterfaceReading before, InterfaceReading now) {
        List<Change> out = new ArrayList<>();
        boolean wasThere = before.condition() != InterfaceCondition.INTERFACE_ABSENT;
        boolean isThere = now.condition() != InterfaceCondition.INTERFACE_ABSENT;
        boolean recreated = wasThere && isThere && before.ifindex() != now.ifindex();
        if (wasThere && (!isThere || recreated)) {
            out.add(Change.DELETED);
        }
        if (isThere && (!wasThere || recreated)) {
            out.add(Change.CREATED);
        }
        boolean wasDown = before.condition() == InterfaceCondition.INTERFACE_DOWN;
        boolean isDown = now.condition() == InterfaceCondition.INTERFACE_DOWN;
        if (isThere && !isDown && (wasDown || !wasThere || recreated)) {
            out.add(Change.UP);
        }
        if (isDown && (!wasDown || recreated)) {
            out.add(Change.DOWN);
        }
        return out;
    }
}
