package io.tokenwarden.application.refresh;

import io.tokenwarden.application.audit.AuditTrail;
import io.tokenwarden.domain.ConnectionStatus;
import io.tokenwarden.domain.FailureKind;
import io.tokenwarden.domain.FreeAgentConnection;
import io.tokenwarden.domain.RefreshTrigger;
import io.tokenwarden.domain.TokenGrant;
import io.tokenwarden.infrastructure.persistence.TenantScope;
import io.tokenwarden.infrastructure.runtime.NodeIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The write side of the rotation-safe protocol. Each method is one unit of work in the tenant's
 * context that reads the connection under a row lock, checks the fence ({@code token_version}
 * unchanged since the snapshot the provider call was made from), applies the change through the
 * entity, writes the audit row and gives the lease back.
 */
@ApplicationScoped
public class TokenStore {

  private static final Logger LOG = Logger.getLogger(TokenStore.class.getName());

  @PersistenceContext(unitName = "tokenwarden")
  EntityManager em;

  @Inject TenantScope scope;

  @Inject AuditTrail audit;

  @Inject NodeIdentity node;

  @Inject Clock clock;

  /** The tenant's connection as it is now, or empty when the tenant has none. */
  public Optional<ConnectionSnapshot> snapshot(UUID tenantId) {
    return scope.asTenant(tenantId, () -> find(false).map(ConnectionSnapshot::of));
  }

  /**
   * Stores the pair a refresh returned, if no newer pair was stored since {@code expectedVersion}.
   * A lost lease alone does not stop it: the refresh token the snapshot held is spent, so the new
   * pair is the newest truth.
   *
   * @return the status after, or empty when a newer pair had been stored (ours is dropped)
   */
  public Optional<ConnectionStatus> storeRefreshed(
      UUID tenantId,
      long expectedVersion,
      TokenGrant grant,
      Instant nextRefresh,
      RefreshTrigger trigger,
      Duration duration) {
    return scope.asTenant(
        tenantId,
        () -> {
          FreeAgentConnection c = find(true).orElseThrow();
          if (c.tokenVersion() != expectedVersion) {
            LOG.severe(
                () ->
                    "Tenant "
                        + tenantId
                        + ": a newer token pair was stored while this node refreshed; the pair"
                        + " this node received is dropped (the lease should have prevented"
                        + " this).");
            return Optional.<ConnectionStatus>empty();
          }
          if (!node.name().equals(c.leaseOwner())) {
            LOG.warning(
                () ->
                    "Tenant "
                        + tenantId
                        + ": this node's lease ran out during the refresh; storing the new pair"
                        + " anyway because no newer one exists.");
          }
          Instant now = clock.instant();
          c.refreshed(grant, nextRefresh, now);
          audit.record(
              tenantId,
              trigger,
              AuditTrail.SUCCESS,
              200,
              duration,
              c.status(),
              "Token pair refreshed; next refresh at " + nextRefresh + ".");
          em.flush();
          releaseLease(tenantId, c.id(), grant.carriesRefreshToken());
          return Optional.of(c.status());
        });
  }

  /**
   * Records a failed token-endpoint call, unless a newer pair was stored meanwhile (then the
   * failure concerns a token that is no longer current and changes nothing but the lease).
   */
  public ConnectionStatus recordFailure(
      UUID tenantId,
      long expectedVersion,
      FailureKind kind,
      String code,
      String message,
      Instant retryAt,
      Integer httpStatus,
      RefreshTrigger trigger,
      Duration duration,
      Runnable alsoInScope) {
    return scope.asTenant(
        tenantId,
        () -> {
          FreeAgentConnection c = find(true).orElseThrow();
          if (c.tokenVersion() == expectedVersion) {
            c.refreshFailed(kind, code, message, retryAt, clock.instant());
          }
          audit.record(tenantId, trigger, code, httpStatus, duration, c.status(), message);
          if (alsoInScope != null) {
            alsoInScope.run();
          }
          em.flush();
          releaseLease(tenantId, c.id(), false);
          return c.status();
        });
  }

  /** The refresh token has expired: NEEDS_RECONNECT without calling the provider. */
  public ConnectionStatus markRefreshTokenExpired(UUID tenantId, RefreshTrigger trigger) {
    return scope.asTenant(
        tenantId,
        () -> {
          FreeAgentConnection c = find(true).orElseThrow();
          c.refreshTokenExpired(clock.instant());
          audit.record(
              tenantId,
              trigger,
              "refresh_token_expired",
              null,
              Duration.ZERO,
              c.status(),
              "The refresh token expired; send the tenant a reconnect link.");
          em.flush();
          releaseLease(tenantId, c.id(), false);
          return c.status();
        });
  }

  /** Moves the next refresh without a provider call (e.g. paused) and gives the lease back. */
  public void rescheduleAndRelease(UUID tenantId, Instant when) {
    scope.asTenant(
        tenantId,
        () -> {
          FreeAgentConnection c = find(true).orElseThrow();
          c.rescheduleAt(when, clock.instant());
          em.flush();
          releaseLease(tenantId, c.id(), false);
          return null;
        });
  }

  private Optional<FreeAgentConnection> find(boolean lock) {
    var query = em.createQuery("select c from FreeAgentConnection c", FreeAgentConnection.class);
    if (lock) {
      query.setLockMode(LockModeType.PESSIMISTIC_WRITE);
    }
    return query.getResultStream().findFirst();
  }

  private void releaseLease(UUID tenantId, UUID connectionId, boolean newRefreshToken) {
    // Only our own (or no) lease is released: another node's lease stays for it to find the
    // changed token_version.
    em.createNativeQuery(
            "UPDATE freeagent_connection SET lease_owner = NULL, lease_expires_at = NULL"
                + (newRefreshToken ? ", refresh_expiry_warned_at = NULL" : "")
                + " WHERE tenant_id = :tenant AND id = :id"
                + " AND (lease_owner = :owner OR lease_owner IS NULL)")
        .setParameter("tenant", tenantId)
        .setParameter("id", connectionId)
        .setParameter("owner", node.name())
        .executeUpdate();
  }
}
