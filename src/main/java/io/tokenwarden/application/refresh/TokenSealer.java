package io.tokenwarden.application.refresh;

import io.tokenwarden.domain.TokenGrant;
import io.tokenwarden.infrastructure.crypto.TokenCipher;
import io.tokenwarden.infrastructure.crypto.TokenColumn;
import io.tokenwarden.infrastructure.crypto.TokenDecryptionException;
import io.tokenwarden.infrastructure.freeagent.TokenResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;

/**
 * The one place a token pair from FreeAgent becomes what a connection stores, and a stored token
 * becomes usable again. Connecting and refreshing seal the same way: each token under its own
 * column, expiries computed from the lifetimes as returned, a missing refresh token meaning "keep
 * the current one" and a missing refresh lifetime meaning "unknown", never a guess. A refresh
 * answer that rotated the refresh token but carried no usable access token seals no access side:
 * the connection keeps its current access token.
 */
@ApplicationScoped
public class TokenSealer {

  @Inject TokenCipher cipher;

  /** Seals the pair FreeAgent returned at {@code receivedAt} for the tenant's connection. */
  public TokenGrant seal(UUID tenantId, TokenResponse response, Instant receivedAt) {
    boolean rotated = response.refreshToken() != null;
    boolean access = response.carriesAccessToken();
    return new TokenGrant(
        access ? cipher.encrypt(tenantId, TokenColumn.ACCESS_TOKEN, response.accessToken()) : null,
        access ? receivedAt.plus(response.accessTokenLifetime()) : null,
        rotated
            ? cipher.encrypt(tenantId, TokenColumn.REFRESH_TOKEN, response.refreshToken())
            : null,
        rotated && response.refreshTokenLifetime() != null
            ? receivedAt.plus(response.refreshTokenLifetime())
            : null);
  }

  /**
   * @throws TokenDecryptionException when no configured key opens it for this tenant
   */
  public String openAccessToken(UUID tenantId, String ciphertext) {
    return cipher.decrypt(tenantId, TokenColumn.ACCESS_TOKEN, ciphertext);
  }

  /**
   * @throws TokenDecryptionException when no configured key opens it for this tenant
   */
  public String openRefreshToken(UUID tenantId, String ciphertext) {
    return cipher.decrypt(tenantId, TokenColumn.REFRESH_TOKEN, ciphertext);
  }
}
