package io.tokenwarden.infrastructure.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TokenCipherTest {

  private static final UUID TENANT_A = UUID.randomUUID();
  private static final UUID TENANT_B = UUID.randomUUID();
  private static final String TOKEN = "1Ab+/cD==x7vQ2kTz/9+wE==";

  private static String newKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  private final String k1 = newKey();
  private final TokenCipher cipher = new TokenCipher(KeyRing.parse("k1:" + k1, null));

  /** A token survives encryption and decryption unchanged, and the stored form hides it. */
  @Test
  void roundTrip() {
    String stored = cipher.encrypt(TENANT_A, TokenColumn.ACCESS_TOKEN, TOKEN);

    assertThat(stored).startsWith("v1:k1:").doesNotContain(TOKEN);
    assertThat(cipher.decrypt(TENANT_A, TokenColumn.ACCESS_TOKEN, stored)).isEqualTo(TOKEN);
  }

  /** Every encryption uses a fresh IV, so the same token never yields the same ciphertext. */
  @Test
  void sameTokenEncryptsDifferentlyEachTime() {
    assertThat(cipher.encrypt(TENANT_A, TokenColumn.ACCESS_TOKEN, TOKEN))
        .isNotEqualTo(cipher.encrypt(TENANT_A, TokenColumn.ACCESS_TOKEN, TOKEN));
  }

  /** A ciphertext copied into another tenant's row does not decrypt there. */
  @Test
  void wrongTenantFails() {
    String stored = cipher.encrypt(TENANT_A, TokenColumn.ACCESS_TOKEN, TOKEN);

    assertThatThrownBy(() -> cipher.decrypt(TENANT_B, TokenColumn.ACCESS_TOKEN, stored))
        .isInstanceOf(TokenDecryptionException.class)
        .hasMessageNotContaining(TOKEN);
  }

  /** A ciphertext moved from the access-token column to the refresh-token column fails. */
  @Test
  void wrongColumnFails() {
    String stored = cipher.encrypt(TENANT_A, TokenColumn.ACCESS_TOKEN, TOKEN);

    assertThatThrownBy(() -> cipher.decrypt(TENANT_A, TokenColumn.REFRESH_TOKEN, stored))
        .isInstanceOf(TokenDecryptionException.class);
  }

  /** Flipping one bit of the stored value is detected by the GCM tag. */
  @Test
  void tamperedCiphertextFails() {
    String stored = cipher.encrypt(TENANT_A, TokenColumn.ACCESS_TOKEN, TOKEN);
    byte[] raw = Base64.getUrlDecoder().decode(stored.substring("v1:k1:".length()));
    raw[raw.length / 2] ^= 0x01;
    String tampered = "v1:k1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);

    assertThatThrownBy(() -> cipher.decrypt(TENANT_A, TokenColumn.ACCESS_TOKEN, tampered))
        .isInstanceOf(TokenDecryptionException.class);
  }

  /** After a new primary key is added, values written under the old key still decrypt. */
  @Test
  void oldKeyStillDecryptsAfterRotation() {
    String writtenUnderK1 = cipher.encrypt(TENANT_A, TokenColumn.REFRESH_TOKEN, TOKEN);
    TokenCipher rotated = new TokenCipher(KeyRing.parse("k1:" + k1 + ",k2:" + newKey(), "k2"));

    assertThat(rotated.decrypt(TENANT_A, TokenColumn.REFRESH_TOKEN, writtenUnderK1))
        .isEqualTo(TOKEN);
    assertThat(rotated.encrypt(TENANT_A, TokenColumn.REFRESH_TOKEN, TOKEN)).startsWith("v1:k2:");
    assertThat(rotated.needsReEncryption(writtenUnderK1)).isTrue();
  }

  /**
   * Resealing moves a value to the primary key with the same token, tenant and column; a value
   * already under the primary is returned as it is (no needless write).
   */
  @Test
  void resealMovesAValueToThePrimaryKey() {
    String writtenUnderK1 = cipher.encrypt(TENANT_A, TokenColumn.REFRESH_TOKEN, TOKEN);
    TokenCipher rotated = new TokenCipher(KeyRing.parse("k1:" + k1 + ",k2:" + newKey(), "k2"));

    String resealed = rotated.reseal(TENANT_A, TokenColumn.REFRESH_TOKEN, writtenUnderK1);

    assertThat(resealed).startsWith(TokenCipher.storedPrefix("k2"));
    assertThat(rotated.decrypt(TENANT_A, TokenColumn.REFRESH_TOKEN, resealed)).isEqualTo(TOKEN);
    assertThat(rotated.reseal(TENANT_A, TokenColumn.REFRESH_TOKEN, resealed)).isSameAs(resealed);
    assertThat(rotated.primaryKeyId()).isEqualTo("k2");
    assertThat(rotated.keyIds()).containsExactly("k2", "k1");
    assertThatThrownBy(() -> rotated.reseal(TENANT_B, TokenColumn.REFRESH_TOKEN, writtenUnderK1))
        .isInstanceOf(TokenDecryptionException.class);
  }

  /** A value naming a key that is no longer configured fails with the key id, not material. */
  @Test
  void unknownKeyFailsClearly() {
    String stored = cipher.encrypt(TENANT_A, TokenColumn.ACCESS_TOKEN, TOKEN);
    TokenCipher other = new TokenCipher(KeyRing.parse("k9:" + newKey(), null));

    assertThatThrownBy(() -> other.decrypt(TENANT_A, TokenColumn.ACCESS_TOKEN, stored))
        .hasMessageContaining("'k1'")
        .hasMessageNotContaining(k1);
  }

  /** Misconfigured keys are refused with a message naming the key id only. */
  @Test
  void keySpecificationIsValidated() {
    assertThatThrownBy(() -> KeyRing.parse("k1:c2hvcnQ=", null)).hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> KeyRing.parse("k1:" + k1 + ",k1:" + k1, null))
        .hasMessageContaining("twice");
    assertThatThrownBy(() -> KeyRing.parse("k1:" + k1, "k2")).hasMessageContaining("'k2'");
    assertThatThrownBy(() -> KeyRing.parse("nonsense", null)).hasMessageContaining("id:base64key");
  }
}
