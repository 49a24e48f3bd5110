package io.tokenwarden.infrastructure.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook secrets and signatures as the Standard Webhooks specification defines them, so receivers
 * can verify with any of its libraries: a secret is {@code whsec_} plus the Base64 of random bytes;
 * the signature is {@code v1,} plus the Base64 HMAC-SHA256, keyed with those bytes, of {@code
 * <webhook-id>.<webhook-timestamp>.<body>}. With several secrets (during a rotation) the header
 * carries one signature per secret, separated by spaces; a receiver accepts any that matches.
 */
public final class WebhookSigner {

  /** The prefix of every secret, as the specification writes it. */
  public static final String SECRET_PREFIX = "whsec_";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int SECRET_BYTES = 32;

  private WebhookSigner() {}

  /** A fresh secret: {@code whsec_} and 32 random bytes in Base64. */
  public static String newSecret() {
    byte[] bytes = new byte[SECRET_BYTES];
    RANDOM.nextBytes(bytes);
    return SECRET_PREFIX + Base64.getEncoder().encodeToString(bytes);
  }

  /**
   * The {@code webhook-signature} header value: one {@code v1,<base64>} per secret, in the order
   * given, separated by single spaces.
   *
   * @param secrets one or more {@code whsec_} secrets
   */
  public static String signatureHeader(
      List<String> secrets, String id, long timestampSeconds, String body) {
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException("At least one secret signs a webhook");
    }
    String content = id + "." + timestampSeconds + "." + body;
    return secrets.stream()
        .map(secret -> "v1," + hmac(secret, content))
        .collect(Collectors.joining(" "));
  }

  private static String hmac(String secret, String content) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(keyBytes(secret), "HmacSHA256"));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 failed: " + e.getClass().getSimpleName());
    }
  }

  /** The key bytes behind a {@code whsec_} secret (the prefix is optional, as in the spec). */
  static byte[] keyBytes(String secret) {
    String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(6) : secret;
    try {
      return Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      // Never echo the secret itself.
      throw new IllegalArgumentException("A webhook secret must be whsec_ and Base64");
    }
  }
}
