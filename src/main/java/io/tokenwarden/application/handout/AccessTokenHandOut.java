package io.tokenwarden.application.handout;

import io.tokenwarden.application.refresh.RefreshMetrics;
import io.tokenwarden.application.refresh.RefreshService;
import io.tokenwarden.application.refresh.TokenPairStored;
import io.tokenwarden.domain.ConnectionStatus;
import io.tokenwarden.domain.FreeAgentConnection;
import io.tokenwarden.domain.RefreshSchedulePolicy;
import io.tokenwarden.domain.RefreshTiming;
import io.tokenwarden.domain.RefreshTrigger;
import io.tokenwarden.infrastructure.crypto.TokenCipher;
import io.tokenwarden.infrastructure.persistence.TenantScope;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Hands out a tenant's access token. Fresh path: this node's cache, no database, no provider. Else
 * the stored token if it keeps the minimum validity; else an on-demand refresh through {@link
 * RefreshService} (which joins a refresh already running anywhere), then whatever valid token
 * exists. Only when no valid token is left does the caller get an error with a time to come back.
 */
@ApplicationScoped
public class AccessTokenHandOut {

  @Inject TenantScope scope;

  @Inject TokenCipher cipher;

  @Inject RefreshService refreshes;

  @Inject RefreshSchedulePolicy policy;

  @Inject RefreshTiming timing;

  @Inject RefreshMetrics metrics;

  @Inject Clock clock;

  @PersistenceContext(unitName = "tokenwarden")
  EntityManager em;

  @Inject
  @ConfigProperty(name = "tokenwarden.handout.cache-ttl", defaultValue = "PT15S")
  Duration cacheTtl;

  private AccessTokenCache cache;

  @PostConstruct
  void init() {
    cache = new AccessTokenCache(cacheTtl, timing.minimumValidity());
  }

  /**
   * @throws ConnectionNotUsableException when the connection is pending, disconnected or needs a
   *     reconnect
   * @throws TokenUnavailableException when no valid token is left and none can be had now
   */
  public HandedOutToken handOut(UUID tenantId) {
    Instant now = clock.instant();
    var cached = cache.get(tenantId, now);
    if (cached.isPresent()) {
      metrics.handOutCache(true);
      return cached.get();
    }
    metrics.handOutCache(false);
    Stored stored = read(tenantId);
    if (!policy.needsRefreshBeforeHandOut(now, stored.expiresAt())) {
      return decryptAndCache(tenantId, stored, now);
    }
    var result = refreshes.refreshNow(tenantId, RefreshTrigger.ON_DEMAND);
    now = clock.instant();
    var again = cache.get(tenantId, now);
    if (again.isPresent()) {
      return again.get();
    }
    stored = read(tenantId);
    if (stored.expiresAt() != null && stored.expiresAt().isAfter(now)) {
      // Below the minimum validity but still valid: better than nothing while refreshing fails.
      return decryptAndCache(tenantId, stored, now);
    }
    Instant retryAt =
        stored.retryAt() != null && stored.retryAt().isAfter(now) ? stored.retryAt() : now;
    throw new TokenUnavailableException(
        "No valid access token is left and none could be obtained now: " + result.message(),
        Duration.between(now, retryAt).plusSeconds(1));
  }

  /** A refresh on this node committed: serve its token from now on. */
  void onStored(@Observes TokenPairStored event) {
    cache.put(
        event.tenantId(),
        event.tokenVersion(),
        event.accessToken(),
        event.accessExpiresAt(),
        clock.instant());
  }

  /** Forgets the tenant's cached token (disconnect, delete). */
  public void forget(UUID tenantId) {
    cache.invalidate(tenantId);
  }

  private HandedOutToken decryptAndCache(UUID tenantId, Stored stored, Instant now) {
    String token = cipher.decrypt(tenantId, "access_token", stored.ciphertext());
    cache.put(tenantId, stored.version(), token, stored.expiresAt(), now);
    return new HandedOutToken(token, stored.expiresAt());
  }

  private Stored read(UUID tenantId) {
    Stored stored =
        scope.asTenant(
            tenantId,
            () ->
                em.createQuery("select c from FreeAgentConnection c", FreeAgentConnection.class)
                    .getResultStream()
                    .findFirst()
                    .map(
                        c ->
                            new Stored(
                                c.status(),
                                c.accessTokenCiphertext(),
                                c.accessExpiresAt(),
                                c.tokenVersion(),
                                retryAt(c)))
                    .orElse(new Stored(ConnectionStatus.PENDING, null, null, 0, null)));
    if (!stored.status().isScheduled() || stored.ciphertext() == null) {
      throw new ConnectionNotUsableException(stored.status());
    }
    return stored;
  }

  private static Instant retryAt(FreeAgentConnection c) {
    return c.throttledUntil() != null ? c.throttledUntil() : c.nextRefreshAt();
  }

  private record Stored(
      ConnectionStatus status,
      String ciphertext,
      Instant expiresAt,
      long version,
      Instant retryAt) {
    @Override
    public String toString() {
      return "Stored[" + status + ", version " + version + "]";
    }
  }
}
