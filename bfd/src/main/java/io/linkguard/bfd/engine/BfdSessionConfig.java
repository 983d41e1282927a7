package io.linkguard.bfd.engine;

import io.linkguard.bfd.auth.AuthKey;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One BFD session as configured.
 *
 * @param name             the link it belongs to (label value)
 * @param peer             the remote system's address
 * @param local            source address; required for multihop (RFC 5883 demultiplexes on it)
 * @param interfaceName    SO_BINDTODEVICE for the transmit socket, and the interface received packets must arrive on
 * @param fwmark           SO_MARK for the transmit socket
 * @param multihop         RFC 5883 (port 4784) instead of RFC 5881 (port 3784)
 * @param minReceivedTtl   multihop only: lowest TTL accepted (single hop always requires 255)
 * @param desiredMinTx     bfd.DesiredMinTxInterval once Up
 * @param requiredMinRx    bfd.RequiredMinRxInterval
 * @param detectMult       bfd.DetectMult
 * @param passive          RFC 5880 §6.1 passive role: wait for the peer's first packet
 * @param auth             authentication, if any (RFC 5880 §6.7)
 * @param echoInterval     run the Echo function (RFC 5880 §6.4) at this interval; IPv4 single hop only
 */
public record BfdSessionConfig(String name, InetAddress peer, Optional<InetAddress> local,
                               Optional<String> interfaceName, OptionalLong fwmark, boolean multihop,
                               int minReceivedTtl, Duration desiredMinTx, Duration requiredMinRx, int detectMult,
                               boolean passive, Optional<AuthKey> auth, Optional<Duration> echoInterval) {

    public long desiredMinTxMicros() {
        return desiredMinTx.toNanos() / 1000;
    }

    public long requiredMinRxMicros() {
        return requiredMinRx.toNanos() / 1000;
    }

    public int destinationPort() {
        return multihop ? BfdPorts.MULTIHOP_CONTROL : BfdPorts.SINGLE_HOP_CONTROL;
    }
}
