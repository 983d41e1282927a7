package io.linkguard.probes;

import java.util.Locale;

/** What became of one probe. */
public enum Outcome {
    /** Answered within the timeout; the result carries an RTT. */
    SUCCESS,
    /** No answer within the timeout. Counts as loss. */
    TIMEOUT,
    /** Failed at once with a reason (refused, unreachable, send error). Counts as loss. */
    FAILED,
    /** An answer that arrived after its timeout: already counted as loss, reported for visibility. */
    LATE,
    /** A second answer to a probe already answered. */
    DUPLICATE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this outcome closes a probe (success or loss), as opposed to an after-the-fact note. */
    public boolean completesProbe() {
        return this == SUCCESS || this == TIMEOUT || this == FAILED;
    }
}
