package io.linkguard.probes.tcp;

import java.time.Duration;

/**
 * Settings of one TCP connect stream.
 *
 * @param port       destination port
 * @param interval   time between connects
 * @param timeout    how long a handshake may take before it counts as failed
 * @param windowSize completed probes in the loss window
 */
public record TcpConnectSettings(int port, Duration interval, Duration timeout, int windowSize) {
}
