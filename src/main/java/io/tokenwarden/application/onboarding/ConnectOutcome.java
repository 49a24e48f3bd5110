package io.tokenwarden.application.onboarding;

import io.tokenwarden.domain.CallbackVerdict;
import io.tokenwarden.domain.LinkState;
import io.tokenwarden.infrastructure.freeagent.ProviderFailure;

/**
 * How opening a link or finishing a connection ended, as the tenant's page tells it. Every outcome
 * but {@link #CONNECTED} left the stored connection and the link as they were.
 */
public enum ConnectOutcome {
  /** The tokens and the company are stored; the link is spent. */
  CONNECTED,
  /** No link has this token. */
  LINK_UNKNOWN,
  LINK_EXPIRED,
  LINK_REVOKED,
  /** The link already connected the tenant once. */
  LINK_USED,
  /** The tenant pressed Deny at FreeAgent ({@code error=access_denied}); the link still works. */
  DECLINED,
  /** The code was refused ({@code invalid_grant}): it expired or was used; the link still works. */
  CODE_REJECTED,
  /** The callback came after the attempt's lifetime (the code's 15 minutes). */
  ATTEMPT_EXPIRED,
  /** Unknown, replayed, or another browser's {@code state}: nothing is said about which. */
  ATTEMPT_INVALID,
  /** FreeAgent did not answer, answered 5xx, nonsense, 429, or the circuit is open. */
  PROVIDER_UNAVAILABLE,
  /** FreeAgent came back with an error other than access_denied, or without a code. */
  PROVIDER_ERROR,
  /**
   * FreeAgent rejected Token Warden's own client credentials: the operator's problem, so the tenant
   * gets a neutral message and the log an alarm.
   */
  SERVICE_MISCONFIGURED,
  /** "Try again" from a browser that started no attempt we know (no or an unknown cookie). */
  NOTHING_TO_RETRY;

  /**
   * The outcome a finished attempt ended with, by its stored code: what its page said the first
   * time, shown again when the same browser reloads it.
   */
  public static ConnectOutcome forAttemptOutcome(String code) {
    return switch (code) {
      case "connected" -> CONNECTED;
      case "access_denied" -> DECLINED;
      case "provider_error", "no_code" -> PROVIDER_ERROR;
      case "expired" -> ATTEMPT_EXPIRED;
      case "link_expired" -> LINK_EXPIRED;
      case "link_revoked" -> LINK_REVOKED;
      case "link_used" -> LINK_USED;
      case "invalid_grant" -> CODE_REJECTED;
      case "client_credentials_rejected" -> SERVICE_MISCONFIGURED;
      default -> PROVIDER_UNAVAILABLE;
    };
  }

  /** The outcome for a link that is not usable. */
  public static ConnectOutcome forLink(LinkState state) {
    return forCallback(CallbackVerdict.forLink(state));
  }

  /** The outcome for a callback the attempt refused. */
  public static ConnectOutcome forCallback(CallbackVerdict verdict) {
    return switch (verdict) {
      case ACCEPTED -> throw new IllegalArgumentException("an accepted callback is no refusal");
      case INVALID -> ATTEMPT_INVALID;
      case LINK_EXPIRED -> LINK_EXPIRED;
      case LINK_REVOKED -> LINK_REVOKED;
      case LINK_USED -> LINK_USED;
      case ATTEMPT_EXPIRED -> ATTEMPT_EXPIRED;
      case DECLINED -> DECLINED;
      case PROVIDER_ERROR, NO_CODE -> PROVIDER_ERROR;
    };
  }

  /**
   * The outcome for a failed code exchange or company lookup. Anything but a refused code or
   * refused client credentials means "FreeAgent is not answering properly"; a rejected access token
   * at the company lookup is FreeAgent misbehaving, not the tenant's code.
   *
   * @param atTokenEndpoint whether the failure came from the code exchange
   */
  public static ConnectOutcome forProviderFailure(
      ProviderFailure failure, boolean atTokenEndpoint) {
    return switch (failure.kind()) {
      case GRANT_LOST -> atTokenEndpoint ? CODE_REJECTED : PROVIDER_UNAVAILABLE;
      case CLIENT_CREDENTIALS -> SERVICE_MISCONFIGURED;
      case TRANSIENT, THROTTLED, LOCAL_REFUSAL -> PROVIDER_UNAVAILABLE;
    };
  }
}
