package io.linkguard.alerts;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * The group a channel is collecting, on its way into the spool: events join the {@link OpenGroup}, which
 * is written to the spool ({@code open.json}) as it grows so that a crash loses none of them, and is
 * sealed into the spool's newest message when the {@link ChannelWorker} decides it is due (its window has
 * passed and the channel could send it now) or when it is full. Sealing enforces the spool's bounds. While
 * the spool cannot be written ({@link SpoolPause}) the group stays in memory, up to
 * {@link #MAX_UNWRITTEN} events. Owned by the channel's thread.
 */
final class GroupCollector {
    /** A group that cannot be written (disk full) stops growing here: the oldest events go. */
    static final int MAX_UNWRITTEN = 1000;

    private final Spool spool;
    private final ChannelReport report;
    private final SpoolPause pause;
    private final OpenGroup open;
    private final long windowNanos;
    private final int groupMax;
    /** Told which messages the spool's bounds pushed out, so a head being retried is let go. */
    private final Consumer<List<Spool.Entry>> pushedOut;

    GroupCollector(Channel channel, Spool spool, ChannelReport report, SpoolPause pause, ChannelClock clock,
                   Duration groupWindow, int groupMax, Consumer<List<Spool.Entry>> pushedOut) {
        this.spool = spool;
        this.report = report;
        this.pause = pause;
        this.open = new OpenGroup(channel::replaceKey, MAX_UNWRITTEN, clock);
        this.windowNanos = groupWindow.toNanos();
        this.groupMax = groupMax;
        this.pushedOut = pushedOut;
    }

    /** Spool replay at start: a group that was collecting when the agent stopped is sealed first. */
    void recover(long now) {
        try {
            Optional<Message> unsealed = spool.readOpen();
            if (unsealed.isPresent()) {
                open.restore(unsealed.get(), now);
                seal(now);
            }
        } catch (IOException e) {
            pause.failed(now, e);
        }
    }

    boolean isEmpty() {
        return open.isEmpty();
    }

    /** Adds an event; a full group is sealed at once. */
    void add(AlertEvent e, long now) {
        int dropped = open.add(e, now); // only when the spool cannot be written for a long time
        if (dropped > 0) {
            report.dropped(DropReason.SPOOL_FULL, dropped, now);
        }
        if (open.size() >= groupMax && pause.over(now)) {
            seal(now);
        }
    }

    /** Writes the group to the spool if it grew since it was last written. */
    void writeIfGrown(long now) {
        if (open.dirty() && !open.isEmpty() && pause.over(now)) {
            try {
                spool.writeOpen(open.message());
                open.written();
            } catch (IOException ex) {
                pause.failed(now, ex);
            }
        }
    }

    /** True if there is a group and the spool can take it now. */
    boolean sealable(long now) {
        return !open.isEmpty() && pause.over(now);
    }

    /** True if the group's window has passed: it may go as soon as the channel can send. */
    boolean windowPassed(long now) {
        return now - open.openedNanos() >= windowNanos;
    }

    /** When the group may be sealed if the channel can send: its window's end, a token, the spool pause's end. */
    long sealableAt(long tokenAt) {
        return Math.max(Math.max(open.openedNanos() + windowNanos, tokenAt), pause.untilNanos());
    }

    /** Writes the group as the newest message and starts a new group; then enforces the spool's bounds. */
    void seal(long now) {
        try {
            Message m = open.message();
            if (open.dirty()) { // else open.json already holds exactly this group
                spool.writeOpen(m);
            }
            spool.seal(m);
        } catch (IOException e) {
            pause.failed(now, e);
            return;
        }
        open.clear();
        try {
            List<Spool.Entry> gone = spool.enforceBounds();
            if (!gone.isEmpty()) {
                pushedOut.accept(gone);
                report.dropped(DropReason.SPOOL_FULL, gone.size(), now);
            }
        } catch (IOException e) {
            pause.failed(now, e);
        }
    }

    /** Tells the report what waits: the sealed messages plus the group, and the oldest event's creation. */
    void reportQueue() {
        OptionalLong sealed = spool.oldestCreatedMillis();
        long oldest = sealed.isPresent() ? sealed.getAsLong() : -1;
        if (!open.isEmpty() && (oldest < 0 || open.createdMillis() < oldest)) {
            oldest = open.createdMillis();
        }
        report.queue(spool.size() + (open.isEmpty() ? 0 : 1), oldest);
    }
}
