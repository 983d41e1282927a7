package io.linkguard.alerts;

import java.io.IOException;

/** How a {@link ChannelWorker} sends: {@link HttpPost} in the agent, a fake in tests. */
interface Sender {

    /**
     * Sends {@code request}; ends within {@link HttpPost#MAX_EXCHANGE} (or soon after {@link #abort}).
     *
     * @throws IOException if no HTTP answer came; its message may quote the URL (callers redact it)
     */
    Response send(Request request) throws IOException;

    /** Ends the exchange in progress, if any, as a failure: the channel is closing and must let go of its spool. */
    void abort();
}
