package io.tokenwarden.domain;

/**
 * What an {@link AuthorizationAttempt} decides about a callback from FreeAgent. Only {@link
 * #ACCEPTED} lets the code be exchanged; every other verdict ends the attempt (or, for {@link
 * #INVALID}, leaves it untouched) and changes nothing else.
 */
public enum CallbackVerdict {
  /** The attempt is claimed for this callback: exchange the code. */
  ACCEPTED,
  /** Another browser's callback, or a replay of a finished attempt: say nothing about which. */
  INVALID,
  /** The attempt's link expired since Connect was pressed. */
  LINK_EXPIRED,
  /** The attempt's link was withdrawn since Connect was pressed. */
  LINK_REVOKED,
  /** The attempt's link connected the tenant through another attempt. */
  LINK_USED,
  /** The callback came after the attempt's lifetime (the authorization code's 15 minutes). */
  ATTEMPT_EXPIRED,
  /** The tenant pressed Deny ({@code error=access_denied}). */
  DECLINED,
  /** FreeAgent sent an OAuth error other than access_denied. */
  PROVIDER_ERROR,
  /** FreeAgent sent neither an error nor a usable code. */
  NO_CODE;

  /** The verdict for a link that is no longer usable. */
  public static CallbackVerdict forLink(LinkState state) {
    return switch (state) {
      case USABLE -> throw new IllegalArgumentException("a usable link is no refusal");
      case EXPIRED -> LINK_EXPIRED;
      case REVOKED -> LINK_REVOKED;
      case USED -> LINK_USED;
    };
  }
}
