package io.tokenwarden.application.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tokenwarden.domain.TokenGrant;
import io.tokenwarden.infrastructure.crypto.KeyRing;
import io.tokenwarden.infrastructure.crypto.TokenCipher;
import io.tokenwarden.infrastructure.crypto.TokenDecryptionException;
import io.tokenwarden.infrastructure.freeagent.TokenResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Connecting and refreshing seal a provider's answer the same way, through this one class. */
class TokenSealerTest {

  private static final Instant RECEIVED = Instant.parse("2026-12-01T10:00:00Z");
  private static final UUID TENANT = UUID.randomUUID();

  private final TokenSealer sealer = new TokenSealer();

  TokenSealerTest() {
    sealer.cipher =
        new TokenCipher(
            KeyRing.parse("k1:" + Base64.getEncoder().encodeToString(new byte[32]), null));
  }

  /** Both tokens are sealed, each under its own column, with expiries from the lifetimes. */
  @Test
  void sealsARotatedPair() {
    TokenResponse response =
        new TokenResponse("acc+/=", Duration.ofHours(1), "ref+/=", Duration.ofDays(20));

    TokenGrant grant = sealer.seal(TENANT, response, RECEIVED);

    assertThat(grant.accessCiphertext()).doesNotContain("acc+/=");
    assertThat(grant.refreshCiphertext()).doesNotContain("ref+/=");
    assertThat(grant.accessExpiresAt()).isEqualTo(RECEIVED.plus(Duration.ofHours(1)));
    assertThat(grant.refreshExpiresAt()).isEqualTo(RECEIVED.plus(Duration.ofDays(20)));
    assertThat(sealer.openAccessToken(TENANT, grant.accessCiphertext())).isEqualTo("acc+/=");
    assertThat(sealer.openRefreshToken(TENANT, grant.refreshCiphertext())).isEqualTo("ref+/=");
  }

  /** An access ciphertext never opens as a refresh token, nor for another tenant. */
  @Test
  void columnsAndTenantsDoNotMix() {
    TokenGrant grant =
        sealer.seal(TENANT, new TokenResponse("acc", Duration.ofHours(1), "ref", null), RECEIVED);

    assertThatThrownBy(() -> sealer.openRefreshToken(TENANT, grant.accessCiphertext()))
        .isInstanceOf(TokenDecryptionException.class);
    assertThatThrownBy(() -> sealer.openAccessToken(UUID.randomUUID(), grant.accessCiphertext()))
        .isInstanceOf(TokenDecryptionException.class);
  }

  /** No refresh token returned: keep the current one; no lifetime returned: guess nothing. */
  @Test
  void missingRefreshTokenOrLifetimeIsNotInvented() {
    TokenGrant kept =
        sealer.seal(
            TENANT,
            new TokenResponse("acc", Duration.ofHours(1), null, Duration.ofDays(9)),
            RECEIVED);
    assertThat(kept.carriesRefreshToken()).isFalse();
    assertThat(kept.refreshExpiresAt()).isNull();

    TokenGrant unknownLifetime =
        sealer.seal(TENANT, new TokenResponse("acc", Duration.ofHours(1), "ref", null), RECEIVED);
    assertThat(unknownLifetime.carriesRefreshToken()).isTrue();
    assertThat(unknownLifetime.refreshExpiresAt()).isNull();
  }

  /**
   * A refresh that rotated the refresh token but sent no usable access token: the new refresh token
   * is sealed, the access side stays empty so the connection keeps its current access token.
   */
  @Test
  void onlyARefreshTokenKeepsTheCurrentAccessToken() {
    TokenResponse response =
        new TokenResponse(
            null, null, "ref+/=", Duration.ofDays(20), List.of("access_token missing"));

    TokenGrant grant = sealer.seal(TENANT, response, RECEIVED);

    assertThat(grant.carriesAccessToken()).isFalse();
    assertThat(grant.accessCiphertext()).isNull();
    assertThat(grant.accessExpiresAt()).isNull();
    assertThat(sealer.openRefreshToken(TENANT, grant.refreshCiphertext())).isEqualTo("ref+/=");
    assertThat(grant.refreshExpiresAt()).isEqualTo(RECEIVED.plus(Duration.ofDays(20)));
  }
}
