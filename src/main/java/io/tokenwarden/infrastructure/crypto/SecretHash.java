package io.tokenwarden.infrastructure.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Random secrets and the hashes they are stored as. Link tokens, OAuth states, browser bindings and
 * API keys carry 256 random bits, so a plain SHA-256 is enough to store them: nobody can search
 * that space, and the database never holds a usable secret.
 */
public final class SecretHash {

  private static final SecureRandom RANDOM = new SecureRandom();

  /** What {@link #newSecret()} makes: 43 URL-safe Base64 characters. */
  private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{43}");

  private SecretHash() {}

  /** A fresh 256-bit secret, URL-safe (43 characters, no padding). */
  public static String newSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * Whether {@code presented} has the form of a secret {@link #newSecret()} made. Link tokens,
   * states and browser bindings arrive from browsers; anything else is not worth a lookup.
   */
  public static boolean isWellFormed(String presented) {
    return presented != null && WELL_FORMED.matcher(presented).matches();
  }

  /** The lowercase hex SHA-256 a secret is stored and looked up by. */
  public static String of(String secret) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** Compares two hashes in constant time. */
  public static boolean matches(String expectedHash, String secret) {
    return MessageDigest.isEqual(
        expectedHash.getBytes(StandardCharsets.US_ASCII),
        of(secret).getBytes(StandardCharsets.US_ASCII));
  }
}
