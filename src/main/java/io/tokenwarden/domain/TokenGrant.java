package io.tokenwarden.domain;

import java.time.Instant;

/**
 * A token pair as the connection stores it: ciphertexts (never plain tokens) and expiries computed
 * from the lifetimes the provider returned. A null refresh ciphertext means the provider returned
 * no refresh token, so the current one is kept; a null refresh expiry means the provider did not
 * say, and nothing is guessed. A null access ciphertext (with a null access expiry) means the
 * provider rotated the refresh token but sent no usable access token: the current access token and
 * its expiry are kept, and only a refresh may do that.
 */
public record TokenGrant(
    String accessCiphertext,
    Instant accessExpiresAt,
    String refreshCiphertext,
    Instant refreshExpiresAt) {

  public TokenGrant {
    if ((accessCiphertext == null) != (accessExpiresAt == null)) {
      throw new IllegalArgumentException("an access ciphertext and its expiry come together");
    }
    if (accessCiphertext == null && refreshCiphertext == null) {
      throw new IllegalArgumentException(
          "a grant carries an access token, a refresh token or both");
    }
  }

  public boolean carriesAccessToken() {
    return accessCiphertext != null;
  }

  public boolean carriesRefreshToken() {
    return refreshCiphertext != null;
  }
}
