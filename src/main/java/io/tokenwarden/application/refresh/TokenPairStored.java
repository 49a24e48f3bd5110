package io.tokenwarden.application.refresh;

import java.time.Instant;
import java.util.UUID;

/**
 * CDI event fired on this node after a refreshed pair was committed, so the hand-out cache can
 * serve the new access token without reading it back. Holds a plain token in memory only; {@link
 * #toString()} never shows it.
 */
public record TokenPairStored(
    UUID tenantId, long tokenVersion, String accessToken, Instant accessExpiresAt) {

  @Override
  public String toString() {
    return "TokenPairStored[" + tenantId + ", version " + tokenVersion + "]";
  }
}
