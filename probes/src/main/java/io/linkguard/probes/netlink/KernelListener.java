package io.linkguard.probes.netlink;

/**
 * Facts from the {@link KernelWatcher} thread, in kernel order. Called on the "netlink" thread only.
 * Every method does nothing unless overridden: a listener names only what it hears.
 */
public interface KernelListener {
    /** Hears nothing: for a watcher whose view alone is read (the CLI's BFD echo). */
    KernelListener NONE = new KernelListener() {
    };

    /**
     * After the start-up dump and after every ENOBUFS re-dump: the whole picture; notifications
     * may have been lost. Link, address and neighbour notifications that arrived during the dump
     * are folded into the view and not delivered one by one; route ones follow via onRoute.
     */
    default void onResync(KernelView view) {
    }

    /** Every RTM_NEWLINK/RTM_DELLINK after the dump. */
    default void onLink(LinkMessage m) {
    }

    default void onAddress(AddressMessage m) {
    }

    default void onRoute(RouteMessage m) {
    }

    default void onNeighbor(NeighborMessage m) {
    }
}
