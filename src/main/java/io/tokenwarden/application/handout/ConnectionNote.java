package io.tokenwarden.application.handout;

import io.tokenwarden.domain.ConnectionStatus;
import io.tokenwarden.domain.FreeAgentConnection;
import io.tokenwarden.domain.HandOutValidity;
import java.time.Duration;
import java.time.Instant;

/**
 * What this node last knew of a connection besides its token: enough to cap a hand-out's demanded
 * validity by the token's lifetime and to warn the caller (failing refreshes, an expiring refresh
 * token, a throttle) without reading the database on the fast path. Holds no token.
 *
 * @param lifetime the access token's lifetime as the provider returned it, or null when unknown
 */
public record ConnectionNote(
    ConnectionStatus status,
    Duration lifetime,
    Instant refreshExpiresAt,
    int consecutiveFailures,
    Instant throttledUntil) {

  static ConnectionNote of(FreeAgentConnection c) {
    return new ConnectionNote(
        c.status(),
        HandOutValidity.lifetime(c.lastSuccessAt(), c.accessExpiresAt()),
        c.refreshExpiresAt(),
        c.consecutiveFailures(),
        c.throttledUntil());
  }

  /**
   * After a refresh stored a new access token at {@code now}: connected, no failures, the new
   * lifetime. The refresh token's expiry is kept until the next read of the row (within the cache
   * TTL), since the event does not carry it.
   */
  ConnectionNote refreshed(Instant accessExpiresAt, Instant now) {
    return new ConnectionNote(
        ConnectionStatus.CONNECTED,
        HandOutValidity.lifetime(now, accessExpiresAt),
        refreshExpiresAt,
        0,
        null);
  }
}
