package io.linkguard.bfd.engine;

import io.linkguard.bfd.session.SessionSnapshot;

/**
 * A session as the exporter, the status API and the CLI see it: its
 * configuration and an immutable snapshot of its state variables.
 */
public record BfdSessionView(BfdSessionConfig config, long localDiscriminator, SessionSnapshot snapshot,
                             long sendFailures) {
}
