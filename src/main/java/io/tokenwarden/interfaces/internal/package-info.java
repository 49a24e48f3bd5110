/**
 * The fleet's internal HTTP API under {@code /internal}: what one node asks another, authenticated
 * with the fleet's shared peer secret, never with API keys (ADR 0029).
 */
package io.tokenwarden.interfaces.internal;
