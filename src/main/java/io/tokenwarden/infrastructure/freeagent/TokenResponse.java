package io.tokenwarden.infrastructure.freeagent;

import java.time.Duration;
import java.util.Objects;

/**
 * A well-formed token-endpoint answer. {@code refreshToken} is null when the provider returned none
 * (keep the current one); {@code refreshTokenLifetime} is null when it did not say. {@link
 * #toString()} never shows a token.
 */
public record TokenResponse(
    String accessToken,
    Duration accessTokenLifetime,
    String refreshToken,
    Duration refreshTokenLifetime) {

  public TokenResponse {
    Objects.requireNonNull(accessToken, "accessToken");
    Objects.requireNonNull(accessTokenLifetime, "accessTokenLifetime");
  }

  @Override
  public String toString() {
    return "TokenResponse[access token expires in "
        + accessTokenLifetime.toSeconds()
        + " s, refresh token "
        + (refreshToken == null ? "not returned" : "returned")
        + (refreshTokenLifetime == null
            ? ""
            : ", expires in " + refreshTokenLifetime.toSeconds() + " s")
        + "]";
  }
}
