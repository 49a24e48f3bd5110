package io.tokenwarden.infrastructure.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where tenants' browsers reach Token Warden ({@code tokenwarden.public-url}). Onboarding links,
 * the OAuth redirect URI and the emulator's address are all built from it, so it has one home
 * outside any provider adapter; a trailing slash in the configured value is ignored.
 */
@ApplicationScoped
public class PublicUrl {

  @Inject
  @ConfigProperty(name = "tokenwarden.public-url", defaultValue = "http://localhost:9080")
  String configured;

  /** The configured URL without a trailing slash, e.g. {@code https://warden.example.com}. */
  public String base() {
    return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
  }

  /** The absolute URL of a path below the base ({@code /connect/abc} or {@code connect/abc}). */
  public String resolve(String path) {
    return base() + (path.startsWith("/") ? path : "/" + path);
  }

  /** The OAuth redirect URI registered with FreeAgent for this deployment. */
  public String callbackUri() {
    return resolve("/connect/callback");
  }
}
