package io.tokenwarden.application.refresh;

import io.tokenwarden.domain.ConnectionStatus;
import io.tokenwarden.domain.FreeAgentConnection;
import java.time.Instant;

/**
 * What the refresh protocol reads before calling the provider: enough to decide, decrypt and fence.
 * {@link #toString()} leaves the ciphertext out.
 */
public record ConnectionSnapshot(
    ConnectionStatus status,
    String refreshCiphertext,
    Instant refreshExpiresAt,
    Instant accessExpiresAt,
    long tokenVersion,
    int consecutiveFailures,
    String leaseOwner,
    Instant leaseExpiresAt,
    Instant throttledUntil,
    Instant nextRefreshAt) {

  static ConnectionSnapshot of(FreeAgentConnection c) {
    return new ConnectionSnapshot(
        c.status(),
        c.refreshTokenCiphertext(),
        c.refreshExpiresAt(),
        c.accessExpiresAt(),
        c.tokenVersion(),
        c.consecutiveFailures(),
        c.leaseOwner(),
        c.leaseExpiresAt(),
        c.throttledUntil(),
        c.nextRefreshAt());
  }

  @Override
  public String toString() {
    return "ConnectionSnapshot[" + status + ", version " + tokenVersion + "]";
  }
}
