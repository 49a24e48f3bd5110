package io.tokenwarden.application.refresh;

import io.tokenwarden.application.refresh.ProviderAdmission.RateLimitHit;
import io.tokenwarden.application.webhooks.WebhookEvents;
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
import org.eclipse.microprofile.config.inject.ConfigProperties;

/**
 * The provider-wide row ({@code provider_state}) and the 429 log the throttle detector reads. All
 * nodes share both through the database; {@link #lastRead()} is only a hint that saves a write on
 * the success path when no alarm was up at the last tick. The provider-wide webhooks are written
 * here, in the transaction that changes this row and under its lock, so the fleet sends one {@code
 * provider.throttled} per pause however many nodes and tenants saw the 429s.
 */
@ApplicationScoped
public class ProviderStateStore {

  private static final Logger LOG = Logger.getLogger(ProviderStateStore.class.getName());
  static final String PROVIDER = "freeagent";

  @PersistenceContext(unitName = "tokenwarden")
  EntityManager em;

  @Inject TenantScope scope;

  @Inject Clock clock;

  @Inject @ConfigProperties RefreshSettings settings;

  @Inject WebhookEvents webhooks;

  private volatile ProviderState lastRead = ProviderState.CLEAR;

  /** The pause end whose provider.resumed is settled; saves every later tick an update. */
  private volatile Instant resumeSettled;

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
   * window, pauses refreshing cluster-wide. Runs in the caller's unit of work, under the provider
   * row's lock: 429s that arrive together (a tick's claims all meet the limit at once) are counted
   * one after the other, each seeing the hits committed before it. Without the lock each would
   * count only itself and the hits committed earlier, and a burst of users could stay below the
   * detection's threshold (R4). The caller holds its connection row's lock already; nothing takes
   * the provider row's lock first and a connection row's after, so the order cannot deadlock.
   *
   * @return the pause end when this hit started or extended a provider-wide pause
   */
  public java.util.Optional<Instant> recordRateLimitInScope(String userKey, Instant retryAt) {
    em.createNativeQuery("SELECT provider FROM provider_state WHERE provider = :p FOR UPDATE")
        .setParameter("p", PROVIDER)
        .getResultList();
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
          ProviderState seen = lastRead;
          if (seen.throttlePausedUntil() == null || seen.throttlePausedUntil().isBefore(until)) {
            lastRead = new ProviderState(until, seen.credentialsRejectedAt(), seen.alarmMessage());
          }
          if (changed > 0 && announceThrottle(true, now) > 0) {
            webhooks.providerThrottled(until);
          }
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
        () -> {
          // Raised by this call (not only renewed): the one provider.credentials_rejected.
          boolean raised = raiseAlarm(now, message, " AND credentials_rejected_at IS NULL") > 0;
          if (raised) {
            webhooks.providerCredentialsRejected();
          } else {
            raiseAlarm(now, message, "");
          }
        });
    lastRead = new ProviderState(lastRead.throttlePausedUntil(), now, message);
    // The prefix operators alert on (README, "Connecting a tenant").
    LOG.severe("ALARM: " + message);
  }

  private int raiseAlarm(Instant now, String message, String condition) {
    return em.createNativeQuery(
            "UPDATE provider_state SET credentials_rejected_at = :now,"
                + " alarm_message = :msg, updated_at = :now WHERE provider = :p"
                + condition)
        .setParameter("now", ConnectionLeases.at(now))
        .setParameter("msg", message)
        .setParameter("p", PROVIDER)
        .executeUpdate();
  }

  /**
   * Sends {@code provider.resumed} once the provider-wide pause whose {@code provider.throttled}
   * went out has ended: one short transaction, and only the node whose update flips the row's
   * {@code throttle_announced} back writes the event. Called by every node's refresh tick after it
   * read the row; a no-op unless that read saw a pause that has ended.
   */
  public void announceResumeIfEnded(Instant now) {
    Instant pausedUntil = lastRead.throttlePausedUntil();
    if (pausedUntil == null || pausedUntil.isAfter(now) || pausedUntil.equals(resumeSettled)) {
      return;
    }
    scope.asRoot(
        () -> {
          if (announceThrottle(false, now) > 0) {
            webhooks.providerResumed();
          }
        });
    // This pause's end is announced (here or by another node): later ticks skip the update.
    resumeSettled = pausedUntil;
  }

  /**
   * Flips {@code throttle_announced} to {@code announced}, under the row lock, if it was not yet;
   * ending it also needs the pause to be over. Returns the rows changed (0 or 1).
   */
  private int announceThrottle(boolean announced, Instant now) {
    jakarta.persistence.Query update =
        em.createNativeQuery(
                "UPDATE provider_state SET throttle_announced = :announced WHERE provider = :p"
                    + " AND throttle_announced = :was"
                    + (announced ? "" : " AND throttle_paused_until <= :now"))
            .setParameter("announced", announced)
            .setParameter("was", !announced)
            .setParameter("p", PROVIDER);
    if (!announced) {
      update.setParameter("now", ConnectionLeases.at(now));
    }
    return update.executeUpdate();
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

  /**
   * Takes up to {@code wanted} refreshes from the fleet's admission budget of the current window
   * (one tick long, in the database's time): while refreshing ramps up after a provider-wide pause
   * (or probes after a credential alarm), {@code budget} refreshes per tick are admitted across all
   * nodes together, the scheduler's claims and the on-demand refreshes alike. One short transaction
   * under the provider row's lock.
   *
   * @param budget the fleet's admission for this window ({@link ProviderAdmission#admittedPerTick})
   * @return how many were granted (0 when the window's budget is spent)
   */
  public int takeAdmission(int wanted, int budget) {
    if (wanted <= 0 || budget <= 0) {
      return 0;
    }
    long windowMillis = Math.max(1, settings.tick().toMillis());
    return scope.asRoot(
        () -> {
          // Provider-wide, not tenant-owned.
          List<?> rows =
              em.createNativeQuery(
                      "SELECT admission_window_start, admission_used, CURRENT_TIMESTAMP"
                          + " FROM provider_state WHERE provider = :p FOR UPDATE")
                  .setParameter("p", PROVIDER)
                  .getResultList();
          if (rows.isEmpty()) {
            return 0;
          }
          Object[] row = (Object[]) rows.get(0);
          Instant databaseNow = SqlValues.instant(row[2]);
          Instant window =
              Instant.ofEpochMilli(
                  Math.floorDiv(databaseNow.toEpochMilli(), windowMillis) * windowMillis);
          int used = window.equals(SqlValues.instant(row[0])) ? (int) SqlValues.number(row[1]) : 0;
          int granted = Math.max(0, Math.min(wanted, budget - used));
          em.createNativeQuery(
                  "UPDATE provider_state SET admission_window_start = :window,"
                      + " admission_used = :used WHERE provider = :p")
              .setParameter("window", ConnectionLeases.at(window))
              .setParameter("used", used + granted)
              .setParameter("p", PROVIDER)
              .executeUpdate();
          return granted;
        });
  }

  /**
   * Gives back admission taken by {@link #takeAdmission} and not used (fewer rows were due than
   * taken), so a node with little to do does not starve the others or the hand-outs for the rest of
   * the window. A window that has already ended is left alone.
   */
  public void giveBackAdmission(int unused) {
    if (unused <= 0) {
      return;
    }
    long windowMillis = Math.max(1, settings.tick().toMillis());
    scope.asRoot(
        () -> {
          Instant databaseNow =
              SqlValues.instant(em.createNativeQuery("SELECT CURRENT_TIMESTAMP").getSingleResult());
          Instant window =
              Instant.ofEpochMilli(
                  Math.floorDiv(databaseNow.toEpochMilli(), windowMillis) * windowMillis);
          // Provider-wide, not tenant-owned.
          em.createNativeQuery(
                  "UPDATE provider_state SET admission_used = admission_used - :unused"
                      + " WHERE provider = :p AND admission_window_start = :window"
                      + " AND admission_used >= :unused")
              .setParameter("unused", unused)
              .setParameter("p", PROVIDER)
              .setParameter("window", ConnectionLeases.at(window))
              .executeUpdate();
        });
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
