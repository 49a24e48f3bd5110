package io.tokenwarden.application.refresh;

import io.tokenwarden.domain.ConnectionStatus;
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

  /**
   * The snapshot's columns, in the order {@link #of(Object[])} reads them, with the database's time
   * last; the caller adds the tenant condition (a native query is not filtered by tenant).
   */
  static final String SELECT =
      "SELECT status, refresh_token_ciphertext, refresh_expires_at, access_expires_at,"
          + " token_version, consecutive_failures, lease_owner, lease_claim, lease_expires_at,"
          + " throttled_until, next_refresh_at, outcome_unknown_since, CURRENT_TIMESTAMP"
          + " FROM freeagent_connection";

  /** The snapshot of one row of {@link #SELECT}. */
  static ConnectionSnapshot of(Object[] row) {
    Instant leaseExpiresAt = SqlValues.instant(row[8]);
    Instant databaseNow = SqlValues.instant(row[12]);
    return new ConnectionSnapshot(
        ConnectionStatus.valueOf(row[0].toString()),
        row[1] == null ? null : row[1].toString(),
        SqlValues.instant(row[2]),
        SqlValues.instant(row[3]),
        SqlValues.number(row[4]),
        (int) SqlValues.number(row[5]),
        row[6] == null ? null : row[6].toString(),
        SqlValues.uuid(row[7]),
        leaseExpiresAt,
        SqlValues.instant(row[9]),
        SqlValues.instant(row[10]),
        SqlValues.instant(row[11]),
        leaseExpiresAt == null ? null : Duration.between(databaseNow, leaseExpiresAt));
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
