package io.tokenwarden.interfaces.web.admin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Provider-wide states the tenants page announces above the table: the token endpoint's circuit is
 * open, refreshing is paused cluster-wide after a provider-wide throttle (and resumes slowly), or
 * FreeAgent rejected Token Warden's own client credentials. Mirrors the refresh engine's {@code
 * ProviderStatus} field by field.
 */
public record ProviderBanner(
    boolean circuitOpen,
    Instant throttlePausedUntil,
    int admittedPerTick,
    Instant credentialsRejectedAt,
    String alarmMessage) {

  /** Nothing to announce. */
  public static final ProviderBanner NONE = new ProviderBanner(false, null, 0, null, null);

  /** The sentences to show, most serious first; empty when all is well. */
  public List<String> lines(Instant now) {
    List<String> lines = new ArrayList<>();
    if (credentialsRejectedAt != null) {
      lines.add(
          "FreeAgent rejected Token Warden's client id or secret (since "
              + RelativeTime.absolute(credentialsRejectedAt)
              + "). No tenant is at fault: fix TOKENWARDEN_FREEAGENT_CLIENT_ID / _SECRET and"
              + " restart.");
    }
    if (throttlePausedUntil != null && throttlePausedUntil.isAfter(now)) {
      lines.add(
          "FreeAgent is throttling many users at once: refreshing is paused cluster-wide until "
              + RelativeTime.absolute(throttlePausedUntil)
              + ", then resumes slowly, most urgent first.");
    } else if (circuitOpen && credentialsRejectedAt == null) {
      lines.add("Refreshing is paused cluster-wide; it resumes automatically.");
    }
    if (lines.isEmpty() && alarmMessage != null && !alarmMessage.isBlank()) {
      lines.add(alarmMessage);
    }
    return lines;
  }
}
