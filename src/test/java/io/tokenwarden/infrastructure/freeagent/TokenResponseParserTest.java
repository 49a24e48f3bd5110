package io.tokenwarden.infrastructure.freeagent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenResponseParserTest {

  /** FreeAgent's documented success body, with Base64-ish tokens, parses completely. */
  @Test
  void parsesTheDocumentedResponse() {
    TokenResponse response =
        TokenResponseParser.parse(
            "{\"access_token\":\"a+b/c==\",\"token_type\":\"bearer\",\"expires_in\":3600,"
                + "\"refresh_token\":\"r+/=\",\"refresh_token_expires_in\":631151957}");

    assertThat(response.accessToken()).isEqualTo("a+b/c==");
    assertThat(response.accessTokenLifetime()).isEqualTo(Duration.ofHours(1));
    assertThat(response.refreshToken()).isEqualTo("r+/=");
    assertThat(response.refreshTokenLifetime()).isEqualTo(Duration.ofSeconds(631151957));
    assertThat(response.toString()).doesNotContain("a+b/c==").doesNotContain("r+/=");
  }

  /** Without refresh_token the current one is kept; without its lifetime nothing is guessed. */
  @Test
  void refreshTokenAndItsLifetimeAreOptional() {
    TokenResponse response =
        TokenResponseParser.parse("{\"access_token\":\"a\",\"expires_in\":3600}");

    assertThat(response.refreshToken()).isNull();
    assertThat(response.refreshTokenLifetime()).isNull();
  }

  /** Bodies FreeAgent would never send are refused as a provider fault, naming no token. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "<html><body>Bad gateway</body></html>",
        "",
        "[]",
        "{\"expires_in\":3600}",
        "{\"access_token\":\"\",\"expires_in\":3600}",
        "{\"access_token\":\"secret-a\",\"expires_in\":\"3600\"}",
        "{\"access_token\":\"secret-a\",\"expires_in\":-5}",
        "{\"access_token\":\"secret-a\",\"expires_in\":36.5}",
        "{\"access_token\":\"secret-a\"}",
        "{\"access_token\":\"secret-a\",\"expires_in\":3600,\"token_type\":\"mac\"}",
        "{\"access_token\":\"secret-a\",\"expires_in\":3600,\"refresh_token\":42}",
        "{\"access_token\":\"secret-a\",\"expires_in\":3600,\"refresh_token_expires_in\":0}"
      })
  void refusesMalformedBodies(String body) {
    assertThatThrownBy(() -> TokenResponseParser.parse(body))
        .isInstanceOf(ProviderOutcomeUnknownException.class)
        .hasMessageStartingWith("FreeAgent sent a malformed answer")
        .hasMessageNotContaining("secret-a");
  }
}
