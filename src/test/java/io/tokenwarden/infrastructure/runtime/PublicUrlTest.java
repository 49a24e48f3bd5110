package io.tokenwarden.infrastructure.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PublicUrlTest {

  private static PublicUrl configured(String value) {
    PublicUrl url = new PublicUrl();
    url.configured = value;
    return url;
  }

  /** A public URL written with a trailing slash builds the same links as one without. */
  @Test
  void trailingSlashIsIgnored() {
    assertThat(configured("https://warden.example.com/").base())
        .isEqualTo("https://warden.example.com");
    assertThat(configured("https://warden.example.com").base())
        .isEqualTo("https://warden.example.com");
  }

  /** Onboarding links join base and path with exactly one slash, whichever side brings it. */
  @Test
  void resolveJoinsWithOneSlash() {
    PublicUrl url = configured("https://warden.example.com/");

    assertThat(url.resolve("/connect/abc")).isEqualTo("https://warden.example.com/connect/abc");
    assertThat(url.resolve("connect/abc")).isEqualTo("https://warden.example.com/connect/abc");
  }

  /** The redirect URI registered with FreeAgent keeps a path prefix the deployment lives under. */
  @Test
  void callbackUriSitsBelowTheBase() {
    assertThat(configured("https://example.com/warden/").callbackUri())
        .isEqualTo("https://example.com/warden/connect/callback");
    assertThat(configured("http://localhost:9080").callbackUri())
        .isEqualTo("http://localhost:9080/connect/callback");
  }
}
