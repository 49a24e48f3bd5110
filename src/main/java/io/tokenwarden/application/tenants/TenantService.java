package io.tokenwarden.application.tenants;

import io.tokenwarden.application.audit.AuditTrail;
import io.tokenwarden.application.handout.AccessTokenHandOut;
import io.tokenwarden.domain.ConnectionStatus;
import io.tokenwarden.domain.FreeAgentConnection;
import io.tokenwarden.domain.RefreshTrigger;
import io.tokenwarden.domain.Tenant;
import io.tokenwarden.domain.TenantSlug;
import io.tokenwarden.infrastructure.persistence.FreeAgentConnections;
import io.tokenwarden.infrastructure.persistence.TenantScope;
import io.tokenwarden.infrastructure.persistence.Tenants;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Creating, finding, renaming, disconnecting and deleting tenants: what the console and the admin
 * API both do. A tenant is created with its (PENDING) connection in one transaction.
 */
@ApplicationScoped
public class TenantService {

  private static final Logger LOG = Logger.getLogger(TenantService.class.getName());

  /** The audit outcome of {@link #noteRefreshAsked}. */
  public static final String REFRESH_ASKED = "REFRESH_ASKED";

  @Inject TenantScope scope;

  @Inject Clock clock;

  @Inject AuditTrail audit;

  @Inject AccessTokenHandOut handOut;

  @Inject Tenants tenants;

  @Inject FreeAgentConnections connections;

  /** Creates a tenant for a caller the log cannot name (tests, scripts). */
  public Tenant create(String slug, String displayName) {
    return create(slug, displayName, "an operator");
  }

  /**
   * Creates the tenant and its PENDING connection; the log names who asked (a tenant has no audit
   * trail before it exists).
   *
   * @param actor who asked ("console user alice", "API key ci")
   * @throws IllegalArgumentException with a message for a person when slug or name is invalid
   * @throws TenantSlugTakenException when another tenant has the slug
   */
  public Tenant create(String slug, String displayName, String actor) {
    Tenant created = insert(slug, displayName);
    LOG.info(() -> "Tenant " + created.slug().value() + " created by " + actor);
    return created;
  }

  private Tenant insert(String slug, String displayName) {
    TenantSlug validSlug = TenantSlug.of(slug == null ? null : slug.strip());
    Instant now = clock.instant();
    return scope.asRoot(
        () -> {
          if (tenants.bySlug(validSlug.value()).isPresent()) {
            throw new TenantSlugTakenException(validSlug.value());
          }
          Tenant tenant = new Tenant(validSlug, displayName, now);
          tenants.add(tenant);
          // Root context: Hibernate keeps the explicit tenant id of the new connection.
          connections.add(FreeAgentConnection.pending(tenant.id(), now));
          return tenant;
        });
  }

  public Optional<Tenant> findBySlug(String slug) {
    if (slug == null || TenantSlug.problemWith(slug) != null) {
      return Optional.empty();
    }
    return scope.asRoot(() -> tenants.bySlug(slug));
  }

  public Optional<Tenant> findById(UUID id) {
    return scope.asRoot(() -> tenants.byId(id));
  }

  /**
   * Notes in the audit trail who asked for a refresh now and through what, just before it runs (the
   * refresh's own row follows with its outcome). The console and the API both refresh with the
   * MANUAL trigger; this row tells them apart and names the person or key. Its own transaction, so
   * it stays when the refresh then fails or is held back; nothing on the refresh path changes.
   *
   * @param request the words for the trail: "Refresh now (console, by alice)", "Refresh requested
   *     via API (key ci)"
   */
  public void noteRefreshAsked(UUID tenantId, String request) {
    scope.asTenant(
        tenantId,
        () -> {
          ConnectionStatus status =
              connections
                  .current()
                  .map(FreeAgentConnection::status)
                  .orElse(ConnectionStatus.PENDING);
          audit.record(tenantId, RefreshTrigger.MANUAL, REFRESH_ASKED, null, null, status, request);
          return null;
        });
  }

  /**
   * Renames the tenant and audits who did it.
   *
   * @param actor who asked, as the audit trail names them ("console user alice", "API key ci")
   */
  public Tenant rename(UUID tenantId, String displayName, String actor) {
    return scope.asRoot(
        () -> {
          Tenant tenant = require(tenantId);
          String before = tenant.displayName();
          tenant.rename(displayName);
          if (!before.equals(tenant.displayName())) {
            audit.record(
                tenantId,
                RefreshTrigger.MANUAL,
                "RENAMED",
                null,
                null,
                connections
                    .statusesOf(List.of(tenantId))
                    .getOrDefault(tenantId, ConnectionStatus.PENDING),
                "Renamed from " + before + " to " + tenant.displayName() + " by " + actor);
          }
          return tenant;
        });
  }

  /**
   * Forgets the tenant's tokens and stops refreshing; a reconnect link can bring it back. Under the
   * row lock, so it serialises with a refresh's fenced store: the refresh either lands first and is
   * then erased, or finds {@code token_version} moved and drops its pair. A connection already
   * disconnected is left alone and audited no second time (a second tab, a double click).
   *
   * @param actor who asked, as the audit trail names them
   * @return false when the tenant was already disconnected
   */
  public boolean disconnect(UUID tenantId, String actor) {
    boolean changed =
        scope.asTenant(
            tenantId,
            () -> {
              FreeAgentConnection connection = connections.currentForUpdate().orElseThrow();
              if (connection.status() == ConnectionStatus.DISCONNECTED) {
                return false;
              }
              connection.disconnect(clock.instant());
              audit.record(
                  tenantId,
                  RefreshTrigger.MANUAL,
                  "DISCONNECTED",
                  null,
                  null,
                  ConnectionStatus.DISCONNECTED,
                  "Disconnected by " + actor + "; stored tokens were erased.");
              return true;
            });
    // This node stops handing the token out at once; other nodes within their cache TTL (ADR 0021).
    handOut.forget(tenantId);
    return changed;
  }

  /** Disconnects for a caller the audit trail cannot name more precisely (tests, scripts). */
  public void disconnect(UUID tenantId) {
    disconnect(tenantId, "an operator");
  }

  /** Deletes for a caller the log cannot name (tests, scripts). */
  public boolean delete(UUID tenantId) {
    return delete(tenantId, "an operator");
  }

  /**
   * Deletes the tenant with its connection, links and audit trail. The audit trail goes with it, so
   * the deletion is recorded in the log, naming the slug and who asked.
   *
   * @param actor who asked ("console user alice", "API key ci")
   * @return false when there was no such tenant
   */
  public boolean delete(UUID tenantId, String actor) {
    handOut.forget(tenantId);
    Optional<String> deleted =
        scope.asRoot(
            () -> {
              // The connection's lock first, as a refresh storing a pair takes it before its audit
              // row locks the tenant's key: the other order deadlocks with a refresh in flight.
              connections.ofTenantForUpdate(tenantId);
              Optional<Tenant> tenant = tenants.byId(tenantId);
              // The database cascades to every tenant-owned table (ON DELETE CASCADE).
              tenant.ifPresent(t -> tenants.remove(t, clock.instant()));
              return tenant.map(t -> t.slug().value());
            });
    deleted.ifPresent(
        slug ->
            LOG.info(
                () ->
                    "Tenant "
                        + slug
                        + " deleted by "
                        + actor
                        + " with its connection, links and audit trail"));
    return deleted.isPresent();
  }

  private Tenant require(UUID tenantId) {
    return tenants
        .byId(tenantId)
        .orElseThrow(() -> new UnknownTenantException(tenantId.toString()));
  }
}
