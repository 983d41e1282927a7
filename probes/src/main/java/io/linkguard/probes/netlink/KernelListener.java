package io.linkguard.probes.netlink;

/** Facts from the {@link KernelWatcher} thread, in kernel order. Called on the "netlink" thread only. */
public interface KernelListener {
    /** Hears nothing: for a watcher whose view alone is read (the CLI's BFD echo). */
    KernelListener NONE = new KernelListener() {
        @Override
        public void onResync(KernelView view) {
        }

        @Override
        public void onLink(LinkMessage m) {
        }

        @Override
        public void onAddress(AddressMessage m) {
        }

        @Override
        public void onRoute(RouteMessage m) {
        }

        @Override
        public void onNeighbor(NeighborMessage m) {
        }
    };

    /**
     * After the start-up dump and after every ENOBUFS re-dump: the whole picture; notifications
     * may have been lost. Link, address and neighbour notifications that arrived during the dump
     * are folded into the view and not delivered one by one; route ones follow via onRoute.
     */
    void onResync(KernelView view);

    /** Every RTM_NEWLINK/RTM_DELLINK after the dump. */
    void onLink(LinkMessage m);

    void onAddress(AddressMessage m);

    void onRoute(RouteMessage m);

    void onNeighbor(NeighborMessage m);
}
