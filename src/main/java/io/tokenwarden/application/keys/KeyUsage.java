package io.tokenwarden.application.keys;

import java.util.List;

/**
 * Which keys the stored tokens (and webhook secrets) are sealed under: what the console shows while
 * a key rotation runs and what tells an operator an old key may go.
 *
 * @param primaryKeyId the key new values are written with
 * @param keyIds every configured key id, the primary first (never key material)
 * @param withTokens connections that hold at least one stored token, and webhook endpoints (each
 *     holds a sealed signing secret)
 * @param underOlderKeys connections with a token, and webhook endpoints with a secret, still sealed
 *     under another key
 */
public record KeyUsage(
    String primaryKeyId, List<String> keyIds, long withTokens, long underOlderKeys) {

  /** Nothing stored needs a key other than the primary: older keys may be removed. */
  public boolean complete() {
    return underOlderKeys == 0;
  }
}
