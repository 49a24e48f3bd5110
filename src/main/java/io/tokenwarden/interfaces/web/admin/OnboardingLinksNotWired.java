package io.tokenwarden.interfaces.web.admin;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * Stand-in until the connecting use case (OnboardingLinkService) is merged: no links. Replace with
 * an implementation delegating to {@code OnboardingLinkService#issue/revoke/links}.
 */
@ApplicationScoped
public class OnboardingLinksNotWired implements OnboardingLinkActions {

  @Override
  public boolean available() {
    return false;
  }

  @Override
  public NewLink issue(UUID tenantId, boolean reconnect) {
    throw new IllegalStateException("Onboarding links are not available in this build.");
  }

  @Override
  public boolean revoke(UUID tenantId, UUID linkId) {
    return false;
  }

  @Override
  public List<LinkRow> links(UUID tenantId) {
    return List.of();
  }
}
