package io.tokenwarden.application.onboarding;

import io.tokenwarden.domain.LinkPurpose;

/**
 * What the landing page of a link shows: the tenant and the purpose when the link is usable, or why
 * it is not.
 *
 * @param refusal null when the link is usable; otherwise one of the LINK_* outcomes
 */
public record LinkLanding(ConnectOutcome refusal, String tenantName, LinkPurpose purpose) {

  public boolean usable() {
    return refusal == null;
  }
}
