package io.tokenwarden.it.console;

import io.tokenwarden.application.refresh.UserRefreshWindow;
import io.tokenwarden.domain.CompanyFacts;
import io.tokenwarden.domain.ConnectionStatus;
import io.tokenwarden.domain.FailureKind;
import io.tokenwarden.domain.FreeAgentConnection;
import io.tokenwarden.domain.RefreshEvent;
import io.tokenwarden.domain.RefreshTrigger;
import io.tokenwarden.domain.Tenant;
import io.tokenwarden.domain.TenantSlug;
import io.tokenwarden.domain.TokenGrant;
import io.tokenwarden.infrastructure.persistence.TenantScope;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Test-only probe (added to the console ITs' deployment, never shipped): writes tenants in every
 * connection status straight through the domain in the root context, so the browser tests see known
 * values without a FreeAgent round trip. Ciphertexts are placeholders the console never decrypts.
 */
@WebServlet("/it-probe/console-seed")
public class ConsoleSeedServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Inject TenantScope scope;

  @Inject Clock clock;

  @PersistenceContext(unitName = "tokenwarden")
  EntityManager em;

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String prefix = request.getParameter("prefix");
    switch (request.getParameter("scenario")) {
      case "statuses" -> scope.asRoot(() -> seedStatuses(prefix));
      case "bulk" -> seedBulk(prefix, Integer.parseInt(request.getParameter("count")));
      case "fail" -> scope.asRoot(() -> failOnce(request.getParameter("slug")));
      case "shared-user" ->
          scope.asRoot(
              () ->
                  seedSharedUser(
                      prefix,
                      request.getParameter("email"),
                      Integer.parseInt(request.getParameter("count")),
                      Integer.parseInt(request.getParameter("minutesAhead"))));
      default -> {
        response.sendError(400);
        return;
      }
    }
    response.setContentType("text/plain");
    response.getWriter().write("ok");
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String slug = request.getParameter("exists");
    boolean exists =
        scope.asRoot(
            () ->
                !em.createQuery("select t.id from Tenant t where t.slug = :s")
                    .setParameter("s", slug)
                    .getResultList()
                    .isEmpty());
    response.setContentType("text/plain");
    response.getWriter().write(Boolean.toString(exists));
  }

  private void seedStatuses(String prefix) {
    Instant now = clock.instant();
    for (ConnectionStatus status : ConnectionStatus.values()) {
      String word = status.name().toLowerCase().replace('_', '-');
      FreeAgentConnection c = newTenant(prefix + "-" + word, "Seeded " + word, now);
      if (status != ConnectionStatus.PENDING) {
        Instant refreshExpiry =
            status == ConnectionStatus.CONNECTED
                ? now.plus(Duration.ofDays(5))
                : now.plus(Duration.ofDays(80));
        c.connect(
            new TokenGrant(
                "placeholder", now.plus(Duration.ofMinutes(50)), "placeholder", refreshExpiry),
            new CompanyFacts(
                "co-" + word, "Company " + prefix + " " + word, word, word + "@example.com", 8),
            now.plus(Duration.ofMinutes(40)),
            now.minus(Duration.ofHours(3)));
      }
      switch (status) {
        case REFRESH_FAILING -> {
          c.refreshFailed(
              FailureKind.TRANSIENT,
              "http_503",
              "FreeAgent answered 503",
              now.plusSeconds(120),
              now);
          c.refreshFailed(
              FailureKind.TRANSIENT,
              "http_503",
              "FreeAgent answered 503",
              now.plusSeconds(240),
              now);
        }
        case THROTTLED ->
            c.refreshFailed(
                FailureKind.THROTTLED,
                "rate_limited",
                "FreeAgent answered 429",
                now.plus(Duration.ofMinutes(30)),
                now);
        case NEEDS_RECONNECT ->
            c.refreshFailed(
                FailureKind.GRANT_LOST, "invalid_grant", "The grant was revoked", null, now);
        case DISCONNECTED -> c.disconnect(now);
        default -> {}
      }
      em.persist(c);
      for (int i = 0; i < 3; i++) {
        em.persist(
            new RefreshEvent(
                c.tenantId(),
                now.minus(Duration.ofMinutes(10L * (i + 1))),
                RefreshTrigger.SCHEDULED,
                "SUCCESS",
                200,
                Duration.ofMillis(120),
                "it-node",
                ConnectionStatus.CONNECTED,
                "seeded event " + i));
      }
    }
  }

  /**
   * {@code count} connected tenants behind one FreeAgent user (an accountant), all due in the same
   * wall-clock minute {@code minutesAhead} from now, refresh tokens expiring in 10 days; the first
   * tenant's audit trail holds one success and one 429 from a few minutes ago.
   */
  private void seedSharedUser(String prefix, String email, int count, int minutesAhead) {
    Instant now = clock.instant();
    Instant due =
        UserRefreshWindow.windowOf(now.plus(Duration.ofMinutes(minutesAhead))).plusSeconds(10);
    for (int i = 0; i < count; i++) {
      FreeAgentConnection c =
          newTenant(String.format("%s-%02d", prefix, i), "Client " + i + " of " + email, now);
      c.connect(
          new TokenGrant(
              "placeholder",
              due.plus(Duration.ofMinutes(10)),
              "placeholder",
              now.plus(Duration.ofDays(10))),
          new CompanyFacts("co-" + prefix + "-" + i, "Client " + i, prefix + i, email, 8),
          due,
          now.minus(Duration.ofMinutes(20)));
      em.persist(c);
      if (i == 0) {
        em.persist(
            new RefreshEvent(
                c.tenantId(),
                now.minus(Duration.ofMinutes(3)),
                RefreshTrigger.SCHEDULED,
                "SUCCESS",
                200,
                Duration.ofMillis(90),
                "it-node",
                ConnectionStatus.CONNECTED,
                "seeded success"));
        em.persist(
            new RefreshEvent(
                c.tenantId(),
                now.minus(Duration.ofMinutes(2)),
                RefreshTrigger.SCHEDULED,
                "rate_limited",
                429,
                Duration.ofMillis(40),
                "it-node",
                ConnectionStatus.THROTTLED,
                "seeded 429"));
      }
    }
  }

  private void seedBulk(String prefix, int count) {
    Instant now = clock.instant();
    int batch = 250;
    for (int from = 0; from < count; from += batch) {
      int start = from;
      scope.asRoot(
          () -> {
            for (int i = start; i < Math.min(count, start + batch); i++) {
              em.persist(newTenant(String.format("%s-%05d", prefix, i), "Bulk " + i, now));
            }
          });
    }
  }

  private void failOnce(String slug) {
    Tenant tenant =
        em.createQuery("select t from Tenant t where t.slug = :s", Tenant.class)
            .setParameter("s", slug)
            .getSingleResult();
    FreeAgentConnection c =
        em.createQuery(
                "select c from FreeAgentConnection c where c.tenantId = :t",
                FreeAgentConnection.class)
            .setParameter("t", tenant.id())
            .getSingleResult();
    Instant now = clock.instant();
    if (c.status() == ConnectionStatus.PENDING) {
      // Only a connected tenant can fail a refresh (the entity refuses otherwise).
      c.connect(
          new TokenGrant("placeholder", now.plus(Duration.ofMinutes(50)), "placeholder", null),
          new CompanyFacts("co-" + slug, "Company " + slug, slug, slug + "@example.com", 8),
          now.plus(Duration.ofMinutes(40)),
          now);
    }
    c.refreshFailed(
        FailureKind.TRANSIENT, "http_502", "FreeAgent answered 502", now.plusSeconds(60), now);
  }

  /** Persists the tenant and returns its pending connection for the caller to shape and persist. */
  private FreeAgentConnection newTenant(String slug, String name, Instant now) {
    Tenant tenant = new Tenant(TenantSlug.of(slug), name, now);
    em.persist(tenant);
    return FreeAgentConnection.pending(tenant.id(), now);
  }
}
