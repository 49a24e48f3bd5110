package io.tokenwarden.interfaces.web.admin;

import io.tokenwarden.application.onboarding.IssuedLink;
import io.tokenwarden.application.onboarding.OnboardingLinkService;
import io.tokenwarden.domain.LinkPurpose;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;

/**
 * The tenant page's link actions, delegated to the connecting use case. Issuing a link revokes the
 * tenant's other usable links there, so "regenerate" is simply issuing a new one.
 */
@ApplicationScoped
public class OnboardingLinksFromService implements OnboardingLinkActions {

  @Inject OnboardingLinkService links;

  @Override
  public boolean available() {
    return true;
  }

  @Override
  public NewLink issue(UUID tenantId, boolean reconnect) {
    IssuedLink issued =
        links.issue(tenantId, reconnect ? LinkPurpose.RECONNECT : LinkPurpose.CONNECT);
    return new NewLink(
        issued.linkId(), issued.url(), issued.expiresAt(), purposeWord(issued.purpose()));
  }

  @Override
  public boolean revoke(UUID tenantId, UUID linkId) {
    return links.revoke(tenantId, linkId);
  }

  @Override
  public List<LinkRow> links(UUID tenantId) {
    return links.links(tenantId).stream()
        .map(
            s ->
                new LinkRow(
                    s.id(),
                    purposeWord(s.purpose()),
                    s.createdAt(),
                    s.expiresAt(),
                    s.consumedAt(),
                    s.revokedAt(),
                    s.state()))
        .toList();
  }

  private static String purposeWord(LinkPurpose purpose) {
    return purpose == LinkPurpose.RECONNECT ? "Reconnect" : "Onboarding";
  }
}
