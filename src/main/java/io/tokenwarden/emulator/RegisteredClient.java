package io.tokenwarden.emulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * The one OAuth client the emulator knows: Token Warden's own registration, as a FreeAgent
 * developer dashboard would hold it. The default credentials are a published sandbox credential,
 * not a secret.
 */
public record RegisteredClient(String id, String secret, List<String> redirectUris) {

  public RegisteredClient {
    redirectUris = List.copyOf(redirectUris);
  }

  /** True when the credentials name this client and its secret (compared in constant time). */
  public boolean authenticates(ClientCredentials credentials) {
    return id.equals(credentials.id())
        && MessageDigest.isEqual(
            secret.getBytes(StandardCharsets.UTF_8),
            credentials.secret().getBytes(StandardCharsets.UTF_8));
  }

  /** Exact string match, as OAuth 2.0 Security BCP requires; no prefix or pattern matching. */
  public boolean allowsRedirectTo(String redirectUri) {
    return redirectUri != null && redirectUris.contains(redirectUri);
  }

  @Override
  public String toString() {
    return "RegisteredClient[id=" + id + ", redirectUris=" + redirectUris + "]";
  }
}
