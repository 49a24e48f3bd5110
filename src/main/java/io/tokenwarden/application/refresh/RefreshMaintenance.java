package io.tokenwarden.application.refresh;

import io.tokenwarden.application.TenantLabels;
import io.tokenwarden.application.webhooks.WebhookEvents;
import io.tokenwarden.domain.ConnectionStatus;
import io.tokenwarden.domain.FreeAgentConnection;
import io.tokenwarden.domain.RefreshTrigger;
import io.tokenwarden.infrastructure.persistence.TenantScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The cluster-once jobs: warn about refresh tokens that expire soon, move connections whose refresh
 * token has expired to NEEDS_RECONNECT, and prune the audit trail, the limiter's bookkeeping and
 * the tenant deletions the hand-out's change watch has long read. Each step is its own short
 * transaction and bounded in size, so a big backlog is worked off over several runs.
 */
@ApplicationScoped
public class RefreshMaintenance {

  @Inject TenantLabels labels;

  private static final Logger LOG = Logger.getLogger(RefreshMaintenance.class.getName());
  private static final int BATCH = 500;

  @PersistenceContext(unitName = "tokenwarden")
  EntityManager em;

  @Inject TenantScope scope;

  @Inject TokenStore store;

  @Inject ConnectionLeases leases;

  @Inject ProviderStateStore provider;

  @Inject WebhookEvents webhooks;

  @Inject @ConfigProperties RefreshSettings settings;

  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "tokenwarden.audit.retention", defaultValue = "P90D")
  Duration auditRetention;

  /** Runs every job once; returns a one-line summary for the log. */
  public String runAll() {
    int warned = warnExpiringRefreshTokens();
    int expired = expireDeadRefreshTokens();
    int pruned = pruneAuditTrail();
    Instant now = clock.instant();
    int hits = provider.pruneRateLimitLog(now.minus(settings.throttleWindow().multipliedBy(2)));
    int windows = pruneUserWindows(now);
    int deletions = pruneTenantDeletions(now);
    return "warned "
        + warned
        + ", expired "
        + expired
        + ", audit rows pruned "
        + pruned
        + ", limiter rows pruned "
        + (hits + windows)
        + ", deletion notes pruned "
        + deletions;
  }

  /**
   * Logs and announces ({@code connection.refresh_token_expiring}), once per refresh token,
   * connections whose refresh token expires within the window.
   */
  public int warnExpiringRefreshTokens() {
    Instant now = clock.instant();
    Instant horizon = now.plus(settings.refreshTokenWarning());
    return scope.asRoot(
        () -> {
          // Cross-tenant: the warning job looks at every tenant.
          @SuppressWarnings("unchecked")
          List<Object[]> rows =
              em.createNativeQuery(
                      "SELECT c.id, c.tenant_id, c.refresh_expires_at, t.slug, c.status"
                          + " FROM freeagent_connection c JOIN tenant t ON t.id = c.tenant_id"
                          + " WHERE c.status IN "
                          + ConnectionLeases.SCHEDULED
                          + " AND c.refresh_expires_at > :now AND c.refresh_expires_at <= :horizon"
                          + " AND c.refresh_expiry_warned_at IS NULL")
                  .setParameter("now", ConnectionLeases.at(now))
                  .setParameter("horizon", ConnectionLeases.at(horizon))
                  .setMaxResults(BATCH)
                  .getResultList();
          for (Object[] row : rows) {
            Instant expires = SqlValues.instant(row[2]);
            LOG.warning(
                () ->
                    "Tenant "
                        + row[3]
                        + ": the FreeAgent refresh token expires at "
                        + expires
                        + "; send a reconnect link before then.");
            // Root context: the entity is found by id whatever its tenant.
            em.find(FreeAgentConnection.class, SqlValues.uuid(row[0])).refreshExpiryWarned(now);
            webhooks.refreshTokenExpiring(
                SqlValues.uuid(row[1]), ConnectionStatus.valueOf(row[4].toString()), expires);
          }
          return rows.size();
        });
  }

  /**
   * NEEDS_RECONNECT for connections whose refresh token has expired (no provider call). The rows
   * are found in one transaction and marked in one each; each mark checks under the row lock that
   * the connection still holds the token seen here ({@code token_version}), so one reconnected in
   * between stays connected.
   */
  public int expireDeadRefreshTokens() {
    Instant now = clock.instant();
    List<Object[]> found =
        scope.asRoot(
            () -> {
              // Cross-tenant: finds expired refresh tokens of every tenant not being refreshed.
              @SuppressWarnings("unchecked")
              List<Object[]> rows =
                  em.createNativeQuery(
                          "SELECT tenant_id, token_version FROM freeagent_connection"
                              + " WHERE status IN "
                              + ConnectionLeases.SCHEDULED
                              + " AND refresh_expires_at <= :now"
                              + " AND (lease_expires_at IS NULL OR lease_expires_at < :databaseNow)")
                      .setParameter("now", ConnectionLeases.at(now))
                      .setParameter("databaseNow", ConnectionLeases.at(leases.databaseNow()))
                      .setMaxResults(BATCH)
                      .getResultList();
              return rows;
            });
    int expired = 0;
    for (Object[] row : found) {
      UUID tenantId = SqlValues.uuid(row[0]);
      long version = SqlValues.number(row[1]);
      ConnectionStatus after =
          store.markRefreshTokenExpired(tenantId, version, null, RefreshTrigger.SCHEDULED);
      if (after != ConnectionStatus.NEEDS_RECONNECT) {
        continue; // it holds a new refresh token, or was disconnected, meanwhile
      }
      expired++;
      LOG.warning(
          () ->
              "Tenant "
                  + labels.of(tenantId)
                  + ": the refresh token expired; status NEEDS_RECONNECT. Send a reconnect link.");
    }
    return expired;
  }

  /** Deletes audit rows older than {@code tokenwarden.audit.retention}. */
  public int pruneAuditTrail() {
    Instant cutoff = clock.instant().minus(auditRetention);
    // Cross-tenant: retention applies to every tenant's trail alike.
    return scope.asRoot(
        () ->
            em.createNativeQuery("DELETE FROM refresh_event WHERE occurred_at < :cutoff")
                .setParameter("cutoff", ConnectionLeases.at(cutoff))
                .executeUpdate());
  }

  private int pruneTenantDeletions(Instant now) {
    // The hand-out change watch (ADR 0028) reads a few seconds back, or from its own start after an
    // outage; a day covers every node's watch with room to spare.
    return scope.asRoot(
        () ->
            em.createNativeQuery("DELETE FROM tenant_deletion WHERE deleted_at < :before")
                .setParameter("before", ConnectionLeases.at(now.minus(Duration.ofDays(1))))
                .executeUpdate());
  }

  private int pruneUserWindows(Instant now) {
    // Keyed by FreeAgent user, not tenant-owned; a window older than a minute counts nothing.
    return scope.asRoot(
        () ->
            em.createNativeQuery("DELETE FROM user_refresh_window WHERE window_start < :before")
                .setParameter("before", ConnectionLeases.at(now.minus(Duration.ofMinutes(5))))
                .executeUpdate());
  }
}
