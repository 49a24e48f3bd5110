package io.tokenwarden.application.handout;

import java.time.Instant;

/** An access token as the API hands it out. {@link #toString()} never shows the token. */
public record HandedOutToken(String accessToken, Instant expiresAt) {

  @Override
  public String toString() {
    return "HandedOutToken[expires " + expiresAt + "]";
  }
}
