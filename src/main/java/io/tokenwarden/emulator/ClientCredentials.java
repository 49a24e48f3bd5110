package io.tokenwarden.emulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * A client id and secret as a token request presents them. RFC 6749 §2.3.1 says each part is
 * form-url-encoded before it goes into the HTTP Basic header, so the emulator decodes them after
 * Base64; a client that skips the encoding fails here for secrets containing {@code +} or {@code
 * %}, as it would against a strict provider.
 */
public record ClientCredentials(String id, String secret) {

  /**
   * Reads an {@code Authorization: Basic …} header value; empty when the header is absent, is not
   * Basic, is not Base64, has no colon or is not valid form encoding.
   */
  public static Optional<ClientCredentials> fromBasicHeader(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    try {
      String decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        return Optional.empty();
      }
      return Optional.of(
          new ClientCredentials(
              formDecode(decoded.substring(0, colon)), formDecode(decoded.substring(colon + 1))));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The id and secret as sent in the form body ({@code client_id}, {@code client_secret}). */
  public static Optional<ClientCredentials> fromBody(String clientId, String clientSecret) {
    if (clientId == null || clientSecret == null) {
      return Optional.empty();
    }
    return Optional.of(new ClientCredentials(clientId, clientSecret));
  }

  private static String formDecode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "ClientCredentials[id=" + id + ", secret=<hidden>]";
  }
}
