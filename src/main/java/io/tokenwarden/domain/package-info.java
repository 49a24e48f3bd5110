/**
 * The domain layer: tenants, their FreeAgent connections, the connection state machine and the
 * policies that decide when to refresh. It uses JPA annotations and nothing else from a framework,
 * so its rules can be unit-tested without a server.
 */
package io.tokenwarden.domain;
