package io.tokenwarden.infrastructure.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one check of whether something a browser sent can be one of our secrets. */
class SecretHashTest {

  /** Every secret we make passes; its hash is 64 hex characters and matches it. */
  @Test
  void ourSecretsAreWellFormed() {
    String secret = SecretHash.newSecret();

    assertThat(SecretHash.isWellFormed(secret)).isTrue();
    assertThat(SecretHash.of(secret)).hasSize(64).matches("[0-9a-f]{64}");
    assertThat(SecretHash.matches(SecretHash.of(secret), secret)).isTrue();
  }

  /** Anything else is not worth a database lookup. */
  @Test
  void otherInputIsNotWellFormed() {
    assertThat(SecretHash.isWellFormed(null)).isFalse();
    assertThat(SecretHash.isWellFormed("")).isFalse();
    assertThat(SecretHash.isWellFormed("a".repeat(42))).isFalse();
    assertThat(SecretHash.isWellFormed("a".repeat(44))).isFalse();
    assertThat(SecretHash.isWellFormed("a".repeat(42) + "=")).isFalse();
    assertThat(SecretHash.isWellFormed("a".repeat(42) + "/")).isFalse();
    assertThat(SecretHash.isWellFormed("a".repeat(42) + "\n")).isFalse();
  }
}
