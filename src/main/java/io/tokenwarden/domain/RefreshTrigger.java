package io.tokenwarden.domain;

/** What caused a token-endpoint call or a status change recorded in the audit trail. */
public enum RefreshTrigger {
  /** The scheduler found the connection due. */
  SCHEDULED,
  /** A hand-out found too little validity left. */
  ON_DEMAND,
  /** An operator (console or API) asked for it. */
  MANUAL,
  /** The code exchange of a connect or reconnect. */
  CONNECT,
  /**
   * The tenant on the onboarding pages: opened the link, pressed Connect, came back denied or with
   * an error. No token-endpoint call; recorded so a failed onboarding leaves a trace.
   */
  ONBOARDING
}
