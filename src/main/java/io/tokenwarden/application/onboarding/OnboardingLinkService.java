package io.tokenwarden.application.onboarding;

import io.tokenwarden.application.tenants.UnknownTenantException;
import io.tokenwarden.domain.ConnectionStatus;
import io.tokenwarden.domain.FreeAgentConnection;
import io.tokenwarden.domain.LinkPurpose;
import io.tokenwarden.domain.OnboardingLink;
import io.tokenwarden.domain.Tenant;
import io.tokenwarden.infrastructure.crypto.SecretHash;
import io.tokenwarden.infrastructure.freeagent.FreeAgentSettings;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Issues, lists and revokes a tenant's onboarding links (console and admin API). A tenant has at
 * most one usable link: issuing a new one revokes the others, so "regenerate" is simply issue, and
 * only the URL shown last works. The token is 256 random bits in the URL path; only its SHA-256 is
 * stored.
 */
@ApplicationScoped
public class OnboardingLinkService {

  private static final Logger LOG = Logger.getLogger(OnboardingLinkService.class.getName());

  @Inject TenantScope scope;

  @Inject Clock clock;

  @Inject FreeAgentSettings settings;

  @Inject
  @ConfigProperty(name = "tokenwarden.onboarding.link-ttl", defaultValue = "P7D")
  Duration linkLifetime;

  @PersistenceContext(unitName = "tokenwarden")
  EntityManager em;

  /**
   * Issues a new link for the tenant and revokes its other usable links.
   *
   * @param purpose CONNECT or RECONNECT; null chooses RECONNECT when the tenant was connected
   *     before, CONNECT otherwise
   * @throws UnknownTenantException when there is no such tenant
   */
  public IssuedLink issue(UUID tenantId, LinkPurpose purpose) {
    String token = SecretHash.newSecret();
    Instant now = clock.instant();
    IssuedLink issued =
        scope.asTenant(
            tenantId,
            () -> {
              if (em.find(Tenant.class, tenantId) == null) {
                throw new UnknownTenantException(tenantId.toString());
              }
              LinkPurpose effective = purpose != null ? purpose : inferredPurpose();
              for (OnboardingLink previous : linksInScope()) {
                previous.revoke(now);
              }
              OnboardingLink link =
                  new OnboardingLink(tenantId, SecretHash.of(token), effective, now, linkLifetime);
              em.persist(link);
              return new IssuedLink(
                  link.id(),
                  settings.publicUrl() + "/connect/" + token,
                  link.expiresAt(),
                  effective);
            });
    LOG.info(() -> "Issued onboarding link " + issued.linkId() + " for tenant " + tenantId);
    return issued;
  }

  /**
   * Revokes one link of the tenant.
   *
   * @return true when the link was usable (or expired) and is now revoked; false when there is no
   *     such link for this tenant or it was already used or revoked
   */
  public boolean revoke(UUID tenantId, UUID linkId) {
    Instant now = clock.instant();
    return scope.asTenant(
        tenantId,
        () -> {
          // The tenant filter makes another tenant's link invisible here.
          OnboardingLink link = em.find(OnboardingLink.class, linkId);
          return link != null && link.revoke(now);
        });
  }

  /** The tenant's links, newest first. */
  public List<OnboardingLinkSummary> links(UUID tenantId) {
    Instant now = clock.instant();
    return scope.asTenant(
        tenantId,
        () ->
            linksInScope().stream()
                .map(
                    link ->
                        new OnboardingLinkSummary(
                            link.id(),
                            link.purpose(),
                            link.createdAt(),
                            link.expiresAt(),
                            link.consumedAt(),
                            link.revokedAt(),
                            link.stateAt(now).label()))
                .toList());
  }

  private List<OnboardingLink> linksInScope() {
    return em.createQuery(
            "select l from OnboardingLink l order by l.createdAt desc, l.id", OnboardingLink.class)
        .getResultList();
  }

  /** A tenant that ever had a connection (whatever its status now) gets a reconnect link. */
  private LinkPurpose inferredPurpose() {
    List<FreeAgentConnection> connection =
        em.createQuery("select c from FreeAgentConnection c", FreeAgentConnection.class)
            .getResultList();
    boolean connectedBefore =
        !connection.isEmpty()
            && (connection.get(0).status() != ConnectionStatus.PENDING
                || connection.get(0).companyId() != null);
    return connectedBefore ? LinkPurpose.RECONNECT : LinkPurpose.CONNECT;
  }
}
