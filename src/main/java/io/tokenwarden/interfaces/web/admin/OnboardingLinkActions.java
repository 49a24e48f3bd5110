package io.tokenwarden.interfaces.web.admin;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The tenant page's onboarding and reconnect links, through the connecting use case ({@code
 * application.onboarding.OnboardingLinkService}: issue, revoke, links). {@link
 * OnboardingLinksNotWired} stands in until that is merged.
 */
public interface OnboardingLinkActions {

  /** Whether the connecting use case is present; the page hides link actions otherwise. */
  boolean available();

  /** Issues a new link; {@code reconnect} picks the reconnect purpose. The URL exists only here. */
  NewLink issue(UUID tenantId, boolean reconnect);

  boolean revoke(UUID tenantId, UUID linkId);

  List<LinkRow> links(UUID tenantId);

  /** A link just issued: shown once with a copy button, then forgotten. */
  record NewLink(UUID linkId, String url, Instant expiresAt, String purpose) {
    @Override
    public String toString() {
      return "NewLink[" + linkId + ", " + purpose + "]";
    }
  }

  /** A link as the page lists it (never its token or URL). */
  record LinkRow(
      UUID id,
      String purpose,
      Instant createdAt,
      Instant expiresAt,
      Instant consumedAt,
      Instant revokedAt,
      String state) {

    public boolean isRevocable() {
      return consumedAt == null && revokedAt == null;
    }
  }
}
