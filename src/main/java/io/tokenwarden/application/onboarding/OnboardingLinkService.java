package io.tokenwarden.application.onboarding;

import io.tokenwarden.application.TenantLabels;
import io.tokenwarden.application.audit.AuditTrail;
import io.tokenwarden.application.tenants.UnknownTenantException;
import io.tokenwarden.domain.ConnectionStatus;
import io.tokenwarden.domain.FreeAgentConnection;
import io.tokenwarden.domain.LinkPurpose;
import io.tokenwarden.domain.OnboardingLink;
import io.tokenwarden.domain.RefreshTrigger;
import io.tokenwarden.infrastructure.crypto.SecretHash;
import io.tokenwarden.infrastructure.persistence.FreeAgentConnections;
import io.tokenwarden.infrastructure.persistence.OnboardingLinks;
import io.tokenwarden.infrastructure.persistence.TenantScope;
import io.tokenwarden.infrastructure.persistence.Tenants;
import io.tokenwarden.infrastructure.runtime.PublicUrl;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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

  @Inject TenantLabels labels;

  private static final Logger LOG = Logger.getLogger(OnboardingLinkService.class.getName());

  @Inject TenantScope scope;

  @Inject Clock clock;

  @Inject PublicUrl publicUrl;

  @Inject
  @ConfigProperty(name = "tokenwarden.onboarding.link-ttl", defaultValue = "P7D")
  Duration linkLifetime;

  @Inject OnboardingLinks links;

  @Inject Tenants tenants;

  @Inject FreeAgentConnections connections;

  @Inject AuditTrail audit;

  /**
   * Issues a new link for the tenant and revokes its other usable links.
   *
   * @param purpose CONNECT or RECONNECT; null chooses RECONNECT when the tenant was connected
   *     before, CONNECT otherwise
   * @throws UnknownTenantException when there is no such tenant
   */
  public IssuedLink issue(UUID tenantId, LinkPurpose purpose, String actor) {
    String token = SecretHash.newSecret();
    Instant now = clock.instant();
    IssuedLink issued =
        scope.asTenant(
            tenantId,
            () -> {
              if (tenants.byId(tenantId).isEmpty()) {
                throw new UnknownTenantException(tenantId.toString());
              }
              LinkPurpose effective = purpose != null ? purpose : inferredPurpose();
              for (OnboardingLink previous : links.newestFirst()) {
                previous.revoke(now);
              }
              OnboardingLink link =
                  new OnboardingLink(tenantId, SecretHash.of(token), effective, now, linkLifetime);
              links.add(link);
              audit.record(
                  tenantId,
                  RefreshTrigger.MANUAL,
                  "LINK_ISSUED",
                  null,
                  null,
                  currentStatus(),
                  (effective == LinkPurpose.RECONNECT ? "Reconnect" : "Onboarding")
                      + " link issued by "
                      + actor
                      + "; older usable links were revoked");
              return new IssuedLink(
                  link.id(), publicUrl.resolve("/connect/" + token), link.expiresAt(), effective);
            });
    LOG.info(
        () -> "Issued onboarding link " + issued.linkId() + " for tenant " + labels.of(tenantId));
    return issued;
  }

  /**
   * Revokes one link of the tenant.
   *
   * @return true when the link was usable (or expired) and is now revoked; false when there is no
   *     such link for this tenant or it was already used or revoked
   */
  public boolean revoke(UUID tenantId, UUID linkId, String actor) {
    Instant now = clock.instant();
    return scope.asTenant(
        tenantId,
        () -> {
          // The tenant filter makes another tenant's link invisible here.
          boolean revoked = links.byId(linkId, false).map(link -> link.revoke(now)).orElse(false);
          if (revoked) {
            audit.record(
                tenantId,
                RefreshTrigger.MANUAL,
                "LINK_REVOKED",
                null,
                null,
                currentStatus(),
                "Link revoked by " + actor);
          }
          return revoked;
        });
  }

  private ConnectionStatus currentStatus() {
    return connections.current().map(c -> c.status()).orElse(ConnectionStatus.PENDING);
  }

  /** The tenant's links, newest first. */
  public List<OnboardingLinkSummary> links(UUID tenantId) {
    Instant now = clock.instant();
    return scope.asTenant(
        tenantId,
        () ->
            links.newestFirst().stream()
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

  /** A tenant that ever had a connection (whatever its status now) gets a reconnect link. */
  private LinkPurpose inferredPurpose() {
    boolean connectedBefore =
        connections.current().filter(FreeAgentConnection::hasBeenConnected).isPresent();
    return connectedBefore ? LinkPurpose.RECONNECT : LinkPurpose.CONNECT;
  }
}
