/**
 * The outbound side of the fleet's peer question (ADR 0029): one node asks another, over HTTP with
 * the fleet's shared secret, which tenants it still holds a received pair for (MicroProfile Rest
 * Client).
 */
package io.tokenwarden.infrastructure.peers;
