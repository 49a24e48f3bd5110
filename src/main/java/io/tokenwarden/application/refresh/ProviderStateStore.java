package io.tokenwarden.application.refresh;

import io.tokenwarden.application.refresh.ProviderAdmission.RateLimitHit;
import io.tokenwarden.infrastructure.persistence.TenantScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The provider-wide row ({@code provider_state}) and the 429 log the throttle detector reads. All
 * nodes share both through the database; {@link #lastRead()} is only a hint that saves a write on
 * the success path when no alarm was up at the last tick.
 */
@ApplicationScoped
public class ProviderStateStore {

  private static final Logger LOG = Logger.getLogger(ProviderStateStore.class.getName());
  static final String PROVIDER = "freeagent";

  @PersistenceContext(unitName = "tokenwarden")
  EntityManager em;

  @Inject TenantScope scope;

  @Inject Clock clock;

  @Inject RefreshSettings settings;

  private volatile ProviderState lastRead = ProviderState.CLEAR;

  /** Reads the shared row (one primary-key lookup). */
  public ProviderState read() {
    ProviderState state =
        scope.asRoot(
            () -> {
              // Provider-wide, not tenant-owned.
              List<?> rows =
                  em.createNativeQuery(
                          "SELECT throttle_paused_until, credentials_rejected_at, alarm_message"
                              + " FROM provider_state WHERE provider = :p")
                      .setParameter("p", PROVIDER)
                      .getResultList();
              if (rows.isEmpty()) {
                return ProviderState.CLEAR;
              }
              Object[] row = (Object[]) rows.get(0);
              return new ProviderState(
                  SqlValues.instant(row[0]),
                  SqlValues.instant(row[1]),
                  row[2] == null ? null : row[2].toString());
            });
    lastRead = state;
    return state;
  }

  public ProviderState lastRead() {
    return lastRead;
  }

  /**
   * Logs a 429 for {@code userKey} and, when enough distinct users were throttled within the
   * window, pauses refreshing cluster-wide. Runs in the caller's unit of work.
   *
   * @return the pause end when this hit started or extended a provider-wide pause
   */
  public java.util.Optional<Instant> recordRateLimitInScope(String userKey, Instant retryAt) {
    Instant now = clock.instant();
    // Provider-wide log, not tenant-owned: the user key is a FreeAgent user, not a tenant.
    em.createNativeQuery(
            "INSERT INTO rate_limit_hit (id, user_key, hit_at, retry_at)"
                + " VALUES (:id, :user, :hit, :retry)")
        .setParameter("id", UUID.randomUUID())
        .setParameter("user", userKey)
        .setParameter("hit", ConnectionLeases.at(now))
        .setParameter("retry", ConnectionLeases.at(retryAt))
        .executeUpdate();
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT user_key, hit_at, retry_at FROM rate_limit_hit WHERE hit_at >= :since")
            .setParameter("since", ConnectionLeases.at(now.minus(settings.throttleWindow())))
            .getResultList();
    List<RateLimitHit> hits = new ArrayList<>();
    for (Object[] row : rows) {
      hits.add(
          new RateLimitHit(
              row[0].toString(), SqlValues.instant(row[1]), SqlValues.instant(row[2])));
    }
    java.util.Optional<Instant> pause = settings.admission().providerWidePauseUntil(hits, now);
    pause.ifPresent(
        until -> {
          int changed =
              em.createNativeQuery(
                      "UPDATE provider_state SET throttle_paused_until = :until, updated_at = :now"
                          + " WHERE provider = :p AND (throttle_paused_until IS NULL"
                          + " OR throttle_paused_until < :until)")
                  .setParameter("until", ConnectionLeases.at(until))
                  .setParameter("now", ConnectionLeases.at(now))
                  .setParameter("p", PROVIDER)
                  .executeUpdate();
          if (changed > 0) {
            LOG.warning(
                () ->
                    "FreeAgent throttles many users at once ("
                        + hits.stream().map(RateLimitHit::userKey).distinct().count()
                        + " users within "
                        + settings.throttleWindow().toSeconds()
                        + " s): refreshing pauses cluster-wide until "
                        + until
                        + ", then resumes slowly, most urgent first.");
          }
        });
    return pause;
  }

  /** FreeAgent rejected our client credentials: a global alarm, no tenant at fault. */
  public void raiseCredentialAlarm() {
    Instant now = clock.instant();
    String message =
        "FreeAgent rejected Token Warden's client credentials (HTTP 401 on the token endpoint)."
            + " Check tokenwarden.freeagent.client-id and client-secret; refreshing is paused"
            + " and retried every "
            + settings.admission().credentialsRetry().toMinutes()
            + " min. No tenant has been marked broken.";
    scope.asRoot(
        () ->
            em.createNativeQuery(
                    "UPDATE provider_state SET credentials_rejected_at = :now,"
                        + " alarm_message = :msg, updated_at = :now WHERE provider = :p")
                .setParameter("now", ConnectionLeases.at(now))
                .setParameter("msg", message)
                .setParameter("p", PROVIDER)
                .executeUpdate());
    lastRead = new ProviderState(lastRead.throttlePausedUntil(), now, message);
    LOG.severe(message);
  }

  /** A refresh succeeded: if the credential alarm was up, take it down. */
  public void clearCredentialAlarmIfRaised() {
    if (lastRead.credentialsRejectedAt() == null) {
      return;
    }
    Instant now = clock.instant();
    int cleared =
        scope.asRoot(
            () ->
                em.createNativeQuery(
                        "UPDATE provider_state SET credentials_rejected_at = NULL,"
                            + " alarm_message = NULL, updated_at = :now"
                            + " WHERE provider = :p AND credentials_rejected_at IS NOT NULL")
                    .setParameter("now", ConnectionLeases.at(now))
                    .setParameter("p", PROVIDER)
                    .executeUpdate());
    lastRead = new ProviderState(lastRead.throttlePausedUntil(), null, null);
    if (cleared > 0) {
      LOG.info("FreeAgent accepted Token Warden's client credentials again; alarm cleared.");
    }
  }

  /** Deletes 429 log rows older than the detection window (maintenance). */
  public int pruneRateLimitLog(Instant before) {
    return scope.asRoot(
        () ->
            em.createNativeQuery("DELETE FROM rate_limit_hit WHERE hit_at < :before")
                .setParameter("before", ConnectionLeases.at(before))
                .executeUpdate());
  }
}
