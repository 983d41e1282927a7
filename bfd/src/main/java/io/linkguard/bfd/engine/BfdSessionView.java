package io.linkguard.bfd.engine;

import io.linkguard.bfd.session.SessionSnapshot;

/**
 * A session as the exporter, the status API and the CLI see it: its
 * configuration, an immutable snapshot of its state variables, and its echo counters.
 */
public record BfdSessionView(BfdSessionConfig config, long localDiscriminator, SessionSnapshot snapshot,
                             long sendFailures, long echoSent, long echoReceived, long lastEchoRttNanos) {
}
