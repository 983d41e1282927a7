package io.linkguard.agent.events;

import io.linkguard.agent.failover.ActionOutcome;
import io.linkguard.agent.failover.ActionResult;
import io.linkguard.agent.health.HealthTransition;
import io.linkguard.agent.health.LinkState;
import io.linkguard.bfd.engine.BfdStateChange;
import io.linkguard.bfd.packet.BfdState;
import io.linkguard.core.log.Log;
import io.linkguard.probes.Addresses;
import io.linkguard.probes.Outcome;
import io.linkguard.probes.ProbeResult;
import io.linkguard.probes.pmtu.PmtuResult;

import java.util.OptionalInt;

/** The log lines of a link's events, written by its controller on the {@code links} thread. */
public final class LinkLog {
    private LinkLog() {
    }

    /** Failures are logged at info, not per success: the metrics carry the rest. */
    static void probe(ProbeResult r) {
        if (r.outcome() == Outcome.FAILED) {
            Log.info("link %s: %s probe to %s failed: %s", r.link(), r.kind().label(), r.target(), r.reason().label());
        }
    }

    /** Up at notice, a lost Up at warning, the rest (Down -> Init ...) at info. */
    public static void bfd(BfdStateChange c) {
        String why = c.to() == BfdState.UP ? "" : " (" + c.explanation() + ")";
        String msg = String.format("link %s: BFD session to %s %s -> %s%s", c.name(), Addresses.format(c.peer()),
                c.from().display(), c.to().display(), why);
        if (c.to() == BfdState.UP) {
            Log.notice("%s", msg);
        } else if (c.from() == BfdState.UP) {
            Log.warn("%s", msg);
        } else {
            Log.info("%s", msg);
        }
    }

    static void pmtu(String link, PmtuResult r, OptionalInt expectedMtu) {
        String expected = expectedMtu.isPresent() ? ", expected " + expectedMtu.getAsInt() : "";
        if (r.error().isPresent() && r.pathMtu() <= 0) {
            Log.info("link %s: path MTU search failed after %d probe(s): %s", link, r.probes(), r.error().get());
        } else if (r.blackHole()) {
            Log.warn("link %s: path MTU %d%s; black hole above it: no Packet Too Big came back (%d probes, %d ms)",
                    link, r.pathMtu(), expected, r.probes(), r.duration().toMillis());
        } else {
            Log.info("link %s: path MTU %d%s (%s, %d probes, %d ms)", link, r.pathMtu(), expected,
                    r.ptbSeen() ? "Packet Too Big seen" : "no Packet Too Big", r.probes(), r.duration().toMillis());
        }
    }

    /** Worse (and not from Unknown) at warning, the rest at notice. */
    static void transition(String link, HealthTransition tr) {
        String msg = String.format("link %s: %s -> %s: %s", link, tr.from().label(), tr.to().label(), tr.detail());
        if (tr.to().ordinal() > tr.from().ordinal() && tr.from() != LinkState.UNKNOWN) {
            Log.warn("%s", msg);
        } else {
            Log.notice("%s", msg);
        }
    }

    static void action(ActionResult r) {
        if (r.outcome() == ActionOutcome.OK) {
            Log.info("link %s: %s action for path %s ok in %d ms: %s", r.link(), r.action(), r.path(),
                    r.duration().toMillis(), r.what());
        } else {
            Log.error("link %s: %s action for path %s %s (exit %d) after %d ms: %s %s", r.link(), r.action(), r.path(),
                    r.outcome().label(), r.exitCode(), r.duration().toMillis(), r.what(), r.detail());
        }
    }
}
