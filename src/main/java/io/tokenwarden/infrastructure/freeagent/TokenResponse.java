package io.tokenwarden.infrastructure.freeagent;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A token-endpoint answer Token Warden can act on. {@code refreshToken} is null when the provider
 * returned none (keep the current one); {@code refreshTokenLifetime} is null when it did not say.
 * {@code accessToken} and its lifetime are null only when the answer carried a new refresh token
 * but no usable access token: the new refresh token must still be stored, the current access token
 * is kept. {@code irregularities} name, in a few words each, what was odd about the answer and how
 * it was read (field names only, never a value). {@link #toString()} never shows a token.
 */
public record TokenResponse(
    String accessToken,
    Duration accessTokenLifetime,
    String refreshToken,
    Duration refreshTokenLifetime,
    List<String> irregularities) {

  public TokenResponse {
    if (accessToken == null) {
      Objects.requireNonNull(
          refreshToken, "an answer without an access token needs a refresh token");
      if (accessTokenLifetime != null) {
        throw new IllegalArgumentException("a lifetime without an access token");
      }
    } else {
      Objects.requireNonNull(accessTokenLifetime, "accessTokenLifetime");
    }
    irregularities = List.copyOf(irregularities);
  }

  /** A regular answer, exactly as FreeAgent documents it. */
  public TokenResponse(
      String accessToken,
      Duration accessTokenLifetime,
      String refreshToken,
      Duration refreshTokenLifetime) {
    this(accessToken, accessTokenLifetime, refreshToken, refreshTokenLifetime, List.of());
  }

  /** False when the answer brought only a refresh token: keep the current access token. */
  public boolean carriesAccessToken() {
    return accessToken != null;
  }

  public boolean isIrregular() {
    return !irregularities.isEmpty();
  }

  /** The irregularities as one sentence for a log line or an audit row, or null when none. */
  public String irregularityNote() {
    return isIrregular()
        ? "FreeAgent's answer was irregular: " + String.join("; ", irregularities) + "."
        : null;
  }

  @Override
  public String toString() {
    return "TokenResponse[access token "
        + (accessToken == null
            ? "not returned"
            : "expires in " + accessTokenLifetime.toSeconds() + " s")
        + ", refresh token "
        + (refreshToken == null ? "not returned" : "returned")
        + (refreshTokenLifetime == null
            ? ""
            : ", expires in " + refreshTokenLifetime.toSeconds() + " s")
        + (isIrregular() ? ", irregular: " + String.join("; ", irregularities) : "")
        + "]";
  }
}
