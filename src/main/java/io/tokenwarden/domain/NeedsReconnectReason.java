package io.tokenwarden.domain;

/**
 * Why a connection needs a reconnect link, as {@code connection.needs_reconnect} tells it: the
 * grant was revoked (FreeAgent answered invalid_grant), the refresh token expired, or the answer to
 * an earlier refresh was lost so the refresh token it issued never arrived.
 */
public enum NeedsReconnectReason {
  REVOKED("revoked"),
  REFRESH_TOKEN_EXPIRED("refresh_token_expired"),
  ANSWER_LOST("answer_lost");

  private final String wireName;

  NeedsReconnectReason(String wireName) {
    this.wireName = wireName;
  }

  /** The value of the payload's {@code reason}. */
  public String wireName() {
    return wireName;
  }
}
