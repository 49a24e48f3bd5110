package io.tokenwarden.infrastructure.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts tokens at rest with AES-256-GCM. Each value gets a random 96-bit IV; the tenant id and
 * the column name are associated data, so a ciphertext copied into another tenant's row or another
 * column fails to decrypt. The stored form {@code v1:<keyId>:<base64url(iv|ct|tag)>} names its key,
 * which is what lets several keys be configured at once.
 */
public final class TokenCipher {

  private static final String FORMAT = "v1";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final KeyRing keys;
  private final SecureRandom random = new SecureRandom();

  public TokenCipher(KeyRing keys) {
    this.keys = Objects.requireNonNull(keys, "keys");
  }

  public String encrypt(UUID tenantId, TokenColumn column, String plaintext) {
    Objects.requireNonNull(plaintext, "plaintext");
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, keys.primary(), new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(associatedData(tenantId, column));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      byte[] out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
      return FORMAT
          + ":"
          + keys.primaryId()
          + ":"
          + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed: " + e.getClass().getSimpleName());
    }
  }

  /**
   * @throws TokenDecryptionException when the value was not written for this tenant and column, was
   *     altered, or names a key that is not configured
   */
  public String decrypt(UUID tenantId, TokenColumn column, String stored) {
    String[] parts = stored == null ? new String[0] : stored.split(":", 3);
    if (parts.length != 3 || !FORMAT.equals(parts[0])) {
      throw new TokenDecryptionException("Stored token has an unknown format");
    }
    SecretKey key = keys.byId(parts[1]);
    if (key == null) {
      throw new TokenDecryptionException(
          "Stored token names key '" + parts[1] + "', which is not configured");
    }
    try {
      byte[] in = Base64.getUrlDecoder().decode(parts[2]);
      if (in.length <= IV_BYTES) {
        throw new TokenDecryptionException("Stored token is truncated");
      }
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
      cipher.updateAAD(associatedData(tenantId, column));
      byte[] plain = cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new TokenDecryptionException(
          "Stored token does not decrypt for this tenant and column ("
              + e.getClass().getSimpleName()
              + ")");
    }
  }

  /** Whether a stored value was written with a key other than the primary (re-encrypt it). */
  public boolean needsReEncryption(String stored) {
    return stored != null && !stored.startsWith(storedPrefix(keys.primaryId()));
  }

  /**
   * The value sealed under the primary key: {@code stored} itself when it already is, else the same
   * token decrypted and encrypted again (a fresh IV, the same tenant and column).
   *
   * @throws TokenDecryptionException when no configured key opens it for this tenant and column
   */
  public String reseal(UUID tenantId, TokenColumn column, String stored) {
    return needsReEncryption(stored)
        ? encrypt(tenantId, column, decrypt(tenantId, column, stored))
        : stored;
  }

  /** The id of the key new values are written with. */
  public String primaryKeyId() {
    return keys.primaryId();
  }

  /** Every configured key id (never key material), the primary first. */
  public List<String> keyIds() {
    return keys.ids();
  }

  /** How every value stored under {@code keyId} begins: what SQL compares to find them. */
  public static String storedPrefix(String keyId) {
    return FORMAT + ":" + keyId + ":";
  }

  private static byte[] associatedData(UUID tenantId, TokenColumn column) {
    return (Objects.requireNonNull(tenantId, "tenantId")
            + "|"
            + Objects.requireNonNull(column, "column").label())
        .getBytes(StandardCharsets.UTF_8);
  }
}
