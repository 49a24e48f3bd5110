package io.tokenwarden.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An API key authenticates until it is revoked or its expiry passes, whichever comes first. */
class ApiClientTest {

  private static final Instant T0 = Instant.parse("2026-12-06T12:00:00Z");

  @Test
  void expiresAtItsExpiry() {
    ApiClient key = key(T0.plusSeconds(60));

    assertThat(key.isLiveAt(T0.plusSeconds(59))).isTrue();
    assertThat(key.isLiveAt(T0.plusSeconds(60))).isFalse();
  }

  @Test
  void withoutExpiryLivesUntilRevoked() {
    ApiClient key = key(null);

    assertThat(key.isLiveAt(T0.plusSeconds(3_000_000))).isTrue();
    key.revoke(T0.plusSeconds(5));
    assertThat(key.isLiveAt(T0.plusSeconds(6))).isFalse();
  }

  @Test
  void expiryMustBeInTheFuture() {
    assertThatThrownBy(() -> key(T0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void adminKeysReachEveryTenantAndCannotBeScoped() {
    UUID tenant = UUID.randomUUID();
    assertThatThrownBy(() -> new ApiClient("ci", ApiKeyKind.ADMIN, "h", "tw_", tenant, T0, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(key(null).reaches(tenant)).isTrue();
  }

  private static ApiClient key(Instant expiresAt) {
    return new ApiClient("ci", ApiKeyKind.ADMIN, "hash", "tw_abcdefg", null, T0, expiresAt);
  }
}
