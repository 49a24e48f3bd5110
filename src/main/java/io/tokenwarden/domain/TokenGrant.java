package io.tokenwarden.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A token pair as the connection stores it: ciphertexts (never plain tokens) and expiries computed
 * from the lifetimes the provider returned. A null refresh ciphertext means the provider returned
 * no refresh token, so the current one is kept; a null refresh expiry means the provider did not
 * say, and nothing is guessed.
 */
public record TokenGrant(
    String accessCiphertext,
    Instant accessExpiresAt,
    String refreshCiphertext,
    Instant refreshExpiresAt) {

  public TokenGrant {
    Objects.requireNonNull(accessCiphertext, "accessCiphertext");
    Objects.requireNonNull(accessExpiresAt, "accessExpiresAt");
  }

  public boolean carriesRefreshToken() {
    return refreshCiphertext != null;
  }
}
