package io.tokenwarden.application.refresh;

import io.tokenwarden.domain.ConnectionStatus;
import io.tokenwarden.domain.FreeAgentConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * What the refresh protocol reads before calling the provider: enough to decide, decrypt and fence.
 * {@code leaseLeft} is measured in the database's time, as the lease was set, so nodes whose clocks
 * differ agree on it (null without a lease); {@code leaseClaim} names the claim holding it. {@link
 * #toString()} leaves the ciphertext out.
 */
public record ConnectionSnapshot(
    ConnectionStatus status,
    String refreshCiphertext,
    Instant refreshExpiresAt,
    Instant accessExpiresAt,
    long tokenVersion,
    int consecutiveFailures,
    String leaseOwner,
    UUID leaseClaim,
    Instant leaseExpiresAt,
    Instant throttledUntil,
    Instant nextRefreshAt,
    Instant outcomeUnknownSince,
    Duration leaseLeft) {

  static ConnectionSnapshot of(FreeAgentConnection c, Instant databaseNow) {
    return new ConnectionSnapshot(
        c.status(),
        c.refreshTokenCiphertext(),
        c.refreshExpiresAt(),
        c.accessExpiresAt(),
        c.tokenVersion(),
        c.consecutiveFailures(),
        c.leaseOwner(),
        c.leaseClaim(),
        c.leaseExpiresAt(),
        c.throttledUntil(),
        c.nextRefreshAt(),
        c.outcomeUnknownSince(),
        c.leaseExpiresAt() == null ? null : Duration.between(databaseNow, c.leaseExpiresAt()));
  }

  /** Whether a lease is held and has not run out (in the database's time). */
  public boolean leaseRunning() {
    return leaseLeft != null && leaseLeft.compareTo(Duration.ZERO) > 0;
  }

  @Override
  public String toString() {
    return "ConnectionSnapshot[" + status + ", version " + tokenVersion + "]";
  }
}
