package io.linkguard.alerts;

/**
 * What an endpoint answered.
 *
 * @param status     the HTTP status code
 * @param body       the start of the response body (bounded), as text
 * @param retryAfter the {@code Retry-After} header, or {@code null}
 */
record Response(int status, String body, String retryAfter) {

    boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
