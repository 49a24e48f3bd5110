package io.tokenwarden.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TenantSlugTest {

  /** Slugs an operator would type for a business are accepted as they are. */
  @ParameterizedTest
  @ValueSource(strings = {"acme", "acme-ltd", "a1b2c3", "x-y-z"})
  void acceptsUrlSafeSlugs(String slug) {
    assertThat(TenantSlug.of(slug).value()).isEqualTo(slug);
  }

  /** Anything that would not survive in a URL path or looks ambiguous is refused with a reason. */
  @ParameterizedTest
  @ValueSource(strings = {"", "ab", "Acme", "acme ltd", "-acme", "acme-", "ac--me", "acme/ltd"})
  void refusesOtherSlugsWithAReason(String slug) {
    assertThat(TenantSlug.problemWith(slug)).isNotBlank();
    assertThatThrownBy(() -> TenantSlug.of(slug)).isInstanceOf(IllegalArgumentException.class);
  }

  /** The length limit is that of a DNS label. */
  @org.junit.jupiter.api.Test
  void refusesSlugsLongerThanSixtyThreeCharacters() {
    assertThat(TenantSlug.problemWith("a".repeat(63))).isNull();
    assertThat(TenantSlug.problemWith("a".repeat(64))).contains("3 to 63");
  }
}
