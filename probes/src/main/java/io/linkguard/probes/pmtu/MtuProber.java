package io.linkguard.probes.pmtu;

import io.linkguard.probes.net.NativeSocketException;

/** What {@link PmtuMonitor} needs of a prober: {@link PmtuProber}, or a simulated path in tests. */
interface MtuProber extends AutoCloseable {
    PmtuResult search() throws NativeSocketException;

    PmtuProber.Check check(int size) throws NativeSocketException;

    @Override
    void close();
}
