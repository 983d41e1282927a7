package io.linkguard.agent.events;

import io.linkguard.agent.failover.ActionResult;
import io.linkguard.agent.health.InterfaceCondition;
import io.linkguard.bfd.engine.BfdStateChange;
import io.linkguard.probes.ProbeResult;
import io.linkguard.probes.pmtu.PmtuResult;

import java.util.OptionalInt;

/**
 * Something an engine observed about one link, handed to the link's {@link LinkController} through its
 * {@link LinkInbox}. Immutable: it crosses from the engine's thread to the {@code links} thread. A new
 * evidence source (interface state, IPsec SA state) is one more record here and one more case in
 * {@link LinkController#accept}.
 */
public sealed interface LinkFact {

    /**
     * Whether a full inbox must still take this fact ({@link LinkInbox}'s unbounded lane): true for the
     * few facts that are never sent again (action results, route drift, interface readings, a replaced
     * BFD session). Engine facts superseded by the next one may be dropped.
     */
    default boolean neverDropped() {
        return false;
    }

    /** An ICMP or TCP probe completed (on a probe thread). */
    record Probe(ProbeResult result) implements LinkFact {
    }

    /**
     * The link's BFD session changed state (on the bfd thread).
     *
     * @param replay       true when it is the session's current state handed to a controller that started
     *                     late (BfdEngine.currentState): nothing changed, so no log line and no alert unless
     *                     the controller had heard of another state before
     * @param sessionWasUp whether this session had been Up before this change: its first Up is start-up,
     *                     not news. Kept with the session (not the controller), so a reload that restarts
     *                     only one of them keeps the alert history right
     */
    record Bfd(BfdStateChange change, boolean replay, boolean sessionWasUp) implements LinkFact {
    }

    /**
     * The link's BFD session was removed to be replaced (on the reload or bindings thread): its AdminDown
     * is not told, and the new session starts from Down. Health must not keep the old session's Up.
     */
    record BfdRestarted() implements LinkFact {
        @Override
        public boolean neverDropped() {
            return true;
        }
    }

    /**
     * A path-MTU search ended (on the pmtu-&lt;link&gt; thread).
     *
     * @param expected the MTU the link's pmtu probe expects, if it says
     * @param degrade  whether a confirmed MTU below {@code expected} degrades the link
     * @param history  what earlier searches of this monitor found, for the alert rule: it lives as long as
     *                 the monitor, and only the links thread reads or writes it
     */
    record Pmtu(PmtuResult result, OptionalInt expected, boolean degrade, PmtuHistory history) implements LinkFact {
    }

    /**
     * What the kernel says of the link's interface and source address changed (on the netlink thread):
     * created, deleted, up or down, an address added or removed. Carries the kernel's word, not a verdict:
     * whether an operationally down interface makes the link down is the link's {@code health.interface_down}.
     *
     * @param detail one line for an operator, e.g. {@code interface gre1 is operationally down (no carrier)}
     */
    record Interface(InterfaceCondition condition, String detail) implements LinkFact {
        @Override
        public boolean neverDropped() {
            return true;
        }
    }

    /**
     * The kernel's routes may no longer be what the active path installed (on the netlink thread): a route
     * for one of the link's prefixes was added, changed or deleted, or an interface went down or away (the
     * kernel flushes routes through it without a word for each). The controller has them checked.
     *
     * @param cause what the kernel said, for the journal
     */
    record RoutesChanged(String cause) implements LinkFact {
    }

    /**
     * A check of the active path's routes found them changed (on the failover-&lt;link&gt; thread).
     *
     * @param what e.g. {@code 10.20.0.0/16 via 10.255.0.2 dev gre-sg is gone}
     */
    record RouteDrift(String path, String what) implements LinkFact {
        @Override
        public boolean neverDropped() {
            return true;
        }
    }

    /** The active path's route actions ran again to put drifted routes back (on the failover-&lt;link&gt; thread). */
    record Reasserted(ActionResult result) implements LinkFact {
        @Override
        public boolean neverDropped() {
            return true;
        }
    }

    /** One failover action ran (on the failover-&lt;link&gt; thread); never dropped, see {@link LinkInbox}. */
    record ActionRun(ActionResult result) implements LinkFact {
        @Override
        public boolean neverDropped() {
            return true;
        }
    }
}
