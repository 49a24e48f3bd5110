package io.tokenwarden.application.refresh;

import io.tokenwarden.domain.RefreshTrigger;
import io.tokenwarden.domain.TokenGrant;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token pairs received from FreeAgent whose commit kept failing (the database was unreachable). The
 * refresh token they replace is spent, so they are the only usable pair: they stay here and every
 * tick tries to store them again until that succeeds or a newer pair exists. This is a best-effort
 * rescue for a node that stays up; nothing else depends on it.
 */
@ApplicationScoped
public class ParkedPairs {

  private final ConcurrentHashMap<UUID, ParkedPair> parked = new ConcurrentHashMap<>();

  void park(ParkedPair pair) {
    parked.put(pair.tenantId(), pair);
  }

  List<ParkedPair> all() {
    return List.copyOf(parked.values());
  }

  void remove(ParkedPair pair) {
    parked.remove(pair.tenantId(), pair);
  }

  public int size() {
    return parked.size();
  }

  /** What is needed to store the pair later; ciphertexts only, the access token for the cache. */
  record ParkedPair(
      UUID tenantId,
      long expectedVersion,
      TokenGrant grant,
      Instant nextRefresh,
      RefreshTrigger trigger,
      Duration duration,
      String accessToken) {

    @Override
    public String toString() {
      return "ParkedPair[" + tenantId + ", version " + expectedVersion + "]";
    }
  }
}
