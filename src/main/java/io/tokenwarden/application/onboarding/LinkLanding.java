package io.tokenwarden.application.onboarding;

import io.tokenwarden.domain.LinkPurpose;
import java.time.Instant;

/**
 * What the landing page of a link shows: the tenant and the purpose when the link is usable, or why
 * it is not.
 *
 * @param refusal null when the link is usable; otherwise one of the LINK_* outcomes
 * @param expiresAt when the link stops working (null for an unknown link)
 * @param now the moment the page describes, so it can say "in 7 days"
 */
public record LinkLanding(
    ConnectOutcome refusal,
    String tenantName,
    LinkPurpose purpose,
    Instant expiresAt,
    Instant now) {

  public boolean usable() {
    return refusal == null;
  }
}
