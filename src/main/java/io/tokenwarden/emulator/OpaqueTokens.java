package io.tokenwarden.emulator;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Makes access tokens, refresh tokens and codes the way FreeAgent's look to a client: opaque
 * standard Base64 with padding. Every value deliberately contains {@code +}, {@code /} and {@code
 * =}, so a client that forgets to URL-encode a token fails every time, not once in a while.
 */
public final class OpaqueTokens {

  /** 32 random bytes: 256 bits before the marker, 44 Base64 characters ending in one '='. */
  static final int TOKEN_BYTES = 32;

  private static final int FULL_GROUPS = TOKEN_BYTES / 3;

  private final SecureRandom random = new SecureRandom();

  /** A fresh, unguessable token. */
  public String next() {
    byte[] bytes = new byte[TOKEN_BYTES];
    random.nextBytes(bytes);
    // One 3-byte group is forced to encode as "+/" followed by two random characters.
    int group = random.nextInt(FULL_GROUPS) * 3;
    bytes[group] = (byte) 0xFB;
    bytes[group + 1] = (byte) (0xF0 | (bytes[group + 1] & 0x0F));
    return Base64.getEncoder().encodeToString(bytes);
  }
}
