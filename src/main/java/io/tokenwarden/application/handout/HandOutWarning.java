package io.tokenwarden.application.handout;

import io.tokenwarden.domain.ConnectionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A reason for the SaaS's service to look at a tenant before it breaks, sent along with a token
 * that still works: refreshing fails, the refresh token expires soon (a reconnect will be needed),
 * or FreeAgent throttles. {@code code} is stable; {@code detail} is for a person and never holds a
 * token.
 *
 * @param at when it matters (refresh token expiry, throttle end), or null
 */
public record HandOutWarning(String code, String detail, Instant at) {

  public static final String REFRESH_FAILING = "refresh_failing";
  public static final String REFRESH_TOKEN_EXPIRING = "refresh_token_expiring";
  public static final String PROVIDER_THROTTLED = "provider_throttled";

  /**
   * The warnings a connection in this state deserves at {@code now}.
   *
   * @param window how long before the refresh token's expiry to warn ({@code
   *     tokenwarden.refresh.refresh-token-warning})
   * @param providerPausedUntil the provider-wide pause end as this node last read it, or null
   */
  static List<HandOutWarning> of(
      ConnectionNote note, Instant now, Duration window, Instant providerPausedUntil) {
    List<HandOutWarning> warnings = new ArrayList<>(3);
    if (note.consecutiveFailures() > 0 || note.status() == ConnectionStatus.REFRESH_FAILING) {
      warnings.add(
          new HandOutWarning(
              REFRESH_FAILING,
              "The last "
                  + Math.max(1, note.consecutiveFailures())
                  + " refresh attempt(s) failed; Token Warden keeps retrying.",
              null));
    }
    if (note.refreshExpiresAt() != null && note.refreshExpiresAt().isBefore(now.plus(window))) {
      warnings.add(
          new HandOutWarning(
              REFRESH_TOKEN_EXPIRING,
              "The refresh token expires soon; the tenant must reconnect before then.",
              note.refreshExpiresAt()));
    }
    Instant throttledUntil = later(note.throttledUntil(), providerPausedUntil);
    if (note.status() == ConnectionStatus.THROTTLED
        || (throttledUntil != null && throttledUntil.isAfter(now))) {
      warnings.add(
          new HandOutWarning(
              PROVIDER_THROTTLED,
              "FreeAgent is throttling Token Warden's refreshes; no refresh starts before the"
                  + " given time.",
              throttledUntil));
    }
    return List.copyOf(warnings);
  }

  private static Instant later(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isAfter(b) ? a : b;
  }
}
