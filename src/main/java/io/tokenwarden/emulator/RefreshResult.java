package io.tokenwarden.emulator;

import java.time.Instant;

/** What a grant made of one refresh token presented to it. */
sealed interface RefreshResult {

  /** Success: the refresh token to return (maybe the presented one) and its expiry. */
  record Renewed(String refreshToken, Instant refreshExpiresAt) implements RefreshResult {}

  /**
   * Refused with invalid_grant. {@code spentReuse}: the token had been spent before; {@code
   * grantRevoked}: this presentation revoked the whole grant.
   */
  record Refused(String description, boolean spentReuse, boolean grantRevoked)
      implements RefreshResult {}
}
