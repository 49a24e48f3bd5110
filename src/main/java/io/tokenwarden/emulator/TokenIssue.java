package io.tokenwarden.emulator;

/**
 * The values of one successful token response. {@code refreshToken} and {@code
 * refreshTokenExpiresIn} are null when the configuration leaves them out of the response.
 */
public record TokenIssue(
    String accessToken, long expiresIn, String refreshToken, Long refreshTokenExpiresIn) {

  @Override
  public String toString() {
    return "TokenIssue[<tokens hidden>, expiresIn=" + expiresIn + "]";
  }
}
