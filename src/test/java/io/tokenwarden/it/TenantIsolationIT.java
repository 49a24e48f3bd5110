package io.tokenwarden.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenwarden.domain.FreeAgentConnection;
import io.tokenwarden.domain.Tenant;
import io.tokenwarden.domain.TenantSlug;
import io.tokenwarden.infrastructure.persistence.TenantScope;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hibernate's {@code @TenantId} isolation, proven inside the server against the configured
 * database: in tenant A's context, tenant B's connection cannot be read, counted, updated or
 * deleted through JPA, while the root context sees both.
 */
@ExtendWith(ArquillianExtension.class)
class TenantIsolationIT {

  @Deployment
  static WebArchive deployment() {
    return Deployments.application().addClass(JpaProbe.class);
  }

  @Inject TenantScope scope;

  @Inject JpaProbe jpa;

  private EntityManager em;

  @BeforeEach
  void useTheApplicationsEntityManager() {
    em = jpa.em();
  }

  /** Tenant A sees its own connection and nothing of tenant B's, by any JPA route. */
  @Test
  void tenantSeesOnlyItsOwnRows() {
    UUID a = newTenantWithConnection();
    UUID b = newTenantWithConnection();
    UUID connectionOfB = scope.asRoot(() -> connectionIdOf(b));

    scope.asTenant(
        a,
        () -> {
          assertNull(em.find(FreeAgentConnection.class, connectionOfB), "find by id");
          List<FreeAgentConnection> all =
              em.createQuery("select c from FreeAgentConnection c", FreeAgentConnection.class)
                  .getResultList();
          assertEquals(1, all.size(), "select all");
          assertEquals(a, all.get(0).tenantId());
          long count =
              em.createQuery("select count(c) from FreeAgentConnection c", Long.class)
                  .getSingleResult();
          assertEquals(1L, count, "count");
          return null;
        });
  }

  /** Bulk updates and deletes issued in tenant A's context do not touch tenant B's row. */
  @Test
  void tenantCannotUpdateOrDeleteAnotherTenantsRows() {
    UUID a = newTenantWithConnection();
    UUID b = newTenantWithConnection();
    UUID connectionOfB = scope.asRoot(() -> connectionIdOf(b));

    int updated =
        scope.asTenant(
            a,
            () ->
                em.createQuery(
                        "update FreeAgentConnection c set c.consecutiveFailures = 99"
                            + " where c.id = :id")
                    .setParameter("id", connectionOfB)
                    .executeUpdate());
    int deleted =
        scope.asTenant(
            a,
            () ->
                em.createQuery("delete from FreeAgentConnection c where c.id = :id")
                    .setParameter("id", connectionOfB)
                    .executeUpdate());

    assertEquals(0, updated, "rows updated across tenants");
    assertEquals(0, deleted, "rows deleted across tenants");
    FreeAgentConnection untouched =
        scope.asRoot(() -> em.find(FreeAgentConnection.class, connectionOfB));
    assertNotNull(untouched, "B's connection still exists");
    assertEquals(0, untouched.consecutiveFailures(), "B's connection unchanged");
  }

  /** The root context is the explicit cross-tenant view: it sees both tenants' rows. */
  @Test
  void rootSeesEveryTenant() {
    UUID a = newTenantWithConnection();
    UUID b = newTenantWithConnection();

    List<UUID> owners =
        scope.asRoot(
            () ->
                em.createQuery(
                        "select c.tenantId from FreeAgentConnection c where c.tenantId in :ids",
                        UUID.class)
                    .setParameter("ids", List.of(a, b))
                    .getResultList());

    assertEquals(2, owners.size());
    assertTrue(owners.containsAll(List.of(a, b)));
  }

  /** A row saved in a tenant's context is stamped with that tenant, whatever the caller says. */
  @Test
  void savingInTenantContextStampsTheTenant() {
    UUID a = newTenant();
    scope.asTenant(
        a,
        () -> {
          em.persist(FreeAgentConnection.pending(a, Instant.now()));
          return null;
        });

    UUID owner = scope.asRoot(() -> connectionOwner(a));
    assertEquals(a, owner);
  }

  private UUID newTenant() {
    String slug = "iso-" + UUID.randomUUID().toString().substring(0, 8);
    return scope.asRoot(
        () -> {
          Tenant tenant = new Tenant(TenantSlug.of(slug), "Isolation " + slug, Instant.now());
          em.persist(tenant);
          return tenant.id();
        });
  }

  private UUID newTenantWithConnection() {
    UUID tenantId = newTenant();
    scope.asTenant(
        tenantId,
        () -> {
          em.persist(FreeAgentConnection.pending(tenantId, Instant.now()));
          return null;
        });
    return tenantId;
  }

  private UUID connectionIdOf(UUID tenantId) {
    return em.createQuery(
            "select c.id from FreeAgentConnection c where c.tenantId = :t", UUID.class)
        .setParameter("t", tenantId)
        .getSingleResult();
  }

  private UUID connectionOwner(UUID tenantId) {
    return em.createQuery(
            "select c.tenantId from FreeAgentConnection c where c.tenantId = :t", UUID.class)
        .setParameter("t", tenantId)
        .getSingleResult();
  }
}
