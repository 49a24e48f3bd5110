package io.tokenwarden.application.onboarding;

import io.tokenwarden.domain.LinkPurpose;
import java.time.Instant;
import java.util.UUID;

/**
 * A link just issued: the only moment its URL exists, since only the hash of its token is stored.
 * Show it once. {@link #toString()} leaves the URL out so it cannot reach a log by accident.
 *
 * @param url {@code <tokenwarden.public-url>/connect/<token>}
 */
public record IssuedLink(UUID linkId, String url, Instant expiresAt, LinkPurpose purpose) {

  @Override
  public String toString() {
    return "IssuedLink[" + linkId + ", " + purpose + ", expires " + expiresAt + "]";
  }
}
