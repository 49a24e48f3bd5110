package io.tokenwarden.application.handout;

import io.tokenwarden.domain.ConnectionStatus;
import io.tokenwarden.domain.FreeAgentConnection;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's {@link ConnectionNote} per tenant, written whenever the hand-out reads the row or a
 * local refresh stores a pair, so the fast path (a cached token) can answer with status and
 * warnings without the database. A note is as fresh as the cached token it goes with: the token
 * cache's TTL sends the next hand-out to the row, which writes the note again.
 */
final class ConnectionNotes {

  private final ConcurrentHashMap<UUID, ConnectionNote> notes = new ConcurrentHashMap<>();

  void remember(UUID tenantId, FreeAgentConnection connection) {
    notes.put(tenantId, ConnectionNote.of(connection));
  }

  void refreshed(UUID tenantId, Instant accessExpiresAt, Instant now) {
    notes.compute(
        tenantId,
        (id, old) ->
            old == null
                ? new ConnectionNote(ConnectionStatus.CONNECTED, null, null, 0, null)
                    .refreshed(accessExpiresAt, now)
                : old.refreshed(accessExpiresAt, now));
  }

  Optional<ConnectionNote> get(UUID tenantId) {
    return Optional.ofNullable(notes.get(tenantId));
  }

  void forget(UUID tenantId) {
    notes.remove(tenantId);
  }
}
