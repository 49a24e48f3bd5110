package io.tokenwarden.interfaces.web.admin;

import io.tokenwarden.application.refresh.ProviderStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The words the tenants page announces above the table for the refresh engine's provider-wide
 * {@link ProviderStatus}: the token endpoint's circuit is open, refreshing is paused cluster-wide
 * after a provider-wide throttle (and resumes slowly), or FreeAgent rejected Token Warden's own
 * client credentials. Kept apart from the page so the wording can be tested without Faces.
 */
final class ProviderBanner {

  private ProviderBanner() {}

  /** The sentences to show, most serious first; empty when all is well. */
  static List<String> lines(ProviderStatus status, Instant now) {
    List<String> lines = new ArrayList<>();
    Instant rejectedAt = status.credentialsRejectedAt();
    Instant pausedUntil = status.throttlePausedUntil();
    if (rejectedAt != null) {
      lines.add(
          "FreeAgent rejected Token Warden's client id or secret (since "
              + RelativeTime.absolute(rejectedAt)
              + "). No tenant is at fault: fix TOKENWARDEN_FREEAGENT_CLIENT_ID / _SECRET and"
              + " restart.");
    }
    if (pausedUntil != null && pausedUntil.isAfter(now)) {
      lines.add(
          "FreeAgent is throttling many users at once: refreshing is paused cluster-wide until "
              + RelativeTime.absolute(pausedUntil)
              + ", then resumes slowly, most urgent first.");
    } else if (status.circuitOpen() && rejectedAt == null) {
      lines.add("Refreshing is paused cluster-wide; it resumes automatically.");
    }
    String alarm = status.alarmMessage();
    if (lines.isEmpty() && alarm != null && !alarm.isBlank()) {
      lines.add(alarm);
    }
    return lines;
  }
}
