package io.tokenwarden.domain;

/**
 * Where a tenant's FreeAgent connection stands. Only CONNECTED, REFRESH_FAILING and THROTTLED
 * connections are kept fresh by the scheduler; the others wait for a person.
 */
public enum ConnectionStatus {
  /** Created, never connected. */
  PENDING,
  /** Holding a valid token pair, refreshed on schedule. */
  CONNECTED,
  /** Transient provider errors; the access token may still be valid. */
  REFRESH_FAILING,
  /** The provider answered 429; waiting until {@code throttled_until}. */
  THROTTLED,
  /** The grant is gone (invalid_grant, revoked, refresh token expired): needs a reconnect link. */
  NEEDS_RECONNECT,
  /** The operator disconnected it. */
  DISCONNECTED;

  /** Whether the scheduler keeps this connection's tokens fresh. */
  public boolean isScheduled() {
    return this == CONNECTED || this == REFRESH_FAILING || this == THROTTLED;
  }
}
