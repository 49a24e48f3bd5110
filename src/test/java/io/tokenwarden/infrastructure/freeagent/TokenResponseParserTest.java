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
    assertThat(response.isIrregular()).isFalse();
    assertThat(response.irregularityNote()).isNull();
    assertThat(response.toString()).doesNotContain("a+b/c==").doesNotContain("r+/=");
  }

  /** Without refresh_token the current one is kept; without its lifetime nothing is guessed. */
  @Test
  void refreshTokenAndItsLifetimeAreOptional() {
    TokenResponse response =
        TokenResponseParser.parse("{\"access_token\":\"a\",\"expires_in\":3600}");

    assertThat(response.refreshToken()).isNull();
    assertThat(response.refreshTokenLifetime()).isNull();
    assertThat(response.isIrregular()).isFalse();
  }

  /**
   * Without a usable refresh token nothing was rotated, so a body FreeAgent would never send is
   * refused as a provider fault (the stored tokens stay), naming no token.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "<html><body>Bad gateway</body></html>",
        "",
        "[]",
        "{\"access_token\":\"secret-a\",\"expires_in\":3600,\"refresh_token\":\"secret-r",
        "{\"expires_in\":3600}",
        "{\"access_token\":\"\",\"expires_in\":3600}",
        "{\"access_token\":\"secret-a\",\"expires_in\":\"3600\"}",
        "{\"access_token\":\"secret-a\",\"expires_in\":-5}",
        "{\"access_token\":\"secret-a\",\"expires_in\":36.5}",
        "{\"access_token\":\"secret-a\"}",
        "{\"access_token\":\"secret-a\",\"expires_in\":3600,\"token_type\":\"mac\"}",
        "{\"access_token\":\"secret-a\",\"expires_in\":3600,\"refresh_token\":42}",
        "{\"access_token\":\"secret-a\",\"expires_in\":3600,\"refresh_token\":\"\"}",
        "{\"access_token\":\"secret-a\",\"expires_in\":\"x\",\"refresh_token\":[\"secret-r\"]}",
        "{\"access_token\":\"secret-a\",\"expires_in\":3600,\"refresh_token_expires_in\":0}"
      })
  void refusesMalformedBodiesWithoutAUsableRefreshToken(String body) {
    assertThatThrownBy(() -> TokenResponseParser.parse(body))
        .isInstanceOf(ProviderOutcomeUnknownException.class)
        .hasMessageStartingWith("FreeAgent sent a malformed answer")
        .hasMessageNotContaining("secret-a")
        .hasMessageNotContaining("secret-r");
  }

  /** {@code expires_in} as a JSON string holding a whole number is read as that number. */
  @Test
  void lifetimeAsAStringIsReadAsTheNumber() {
    TokenResponse response =
        TokenResponseParser.parse(
            "{\"access_token\":\"secret-a\",\"token_type\":\"bearer\",\"expires_in\":\"3600\","
                + "\"refresh_token\":\"secret-r\",\"refresh_token_expires_in\":\"631151957\"}");

    assertThat(response.accessToken()).isEqualTo("secret-a");
    assertThat(response.accessTokenLifetime()).isEqualTo(Duration.ofHours(1));
    assertThat(response.refreshToken()).isEqualTo("secret-r");
    assertThat(response.refreshTokenLifetime()).isEqualTo(Duration.ofSeconds(631151957));
    assertThat(response.irregularities())
        .containsExactly(
            "expires_in sent as a string", "refresh_token_expires_in sent as a string");
    assertNoTokenIn(response);
  }

  /**
   * A new refresh token with an unusable access lifetime (missing, not a number, not positive, a
   * string that is no whole number) is kept, with the conservative access lifetime assumed.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        ",\"expires_in\":null",
        ",\"expires_in\":-3600",
        ",\"expires_in\":0",
        ",\"expires_in\":36.5",
        ",\"expires_in\":\"soon\"",
        ",\"expires_in\":\"-3600\"",
        ",\"expires_in\":true",
        ",\"expires_in\":99999999999999999999999"
      })
  void unusableAccessLifetimeWithANewRefreshTokenIsAssumedShort(String lifetime) {
    TokenResponse response =
        TokenResponseParser.parse(
            "{\"access_token\":\"secret-a\",\"refresh_token\":\"secret-r\"" + lifetime + "}");

    assertThat(response.accessToken()).isEqualTo("secret-a");
    assertThat(response.refreshToken()).isEqualTo("secret-r");
    assertThat(response.accessTokenLifetime())
        .isEqualTo(TokenResponseParser.ASSUMED_ACCESS_LIFETIME)
        .isEqualTo(Duration.ofMinutes(10));
    assertThat(response.irregularities()).hasSize(1);
    assertThat(response.irregularities().get(0)).startsWith("expires_in ").contains("600 s");
    assertNoTokenIn(response);
  }

  /** An unusable refresh lifetime with a new refresh token is unknown: nothing is guessed. */
  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "\"never\"", "1.5", "{}"})
  void unusableRefreshLifetimeIsUnknown(String lifetime) {
    TokenResponse response =
        TokenResponseParser.parse(
            "{\"access_token\":\"secret-a\",\"expires_in\":3600,\"refresh_token\":\"secret-r\","
                + "\"refresh_token_expires_in\":"
                + lifetime
                + "}");

    assertThat(response.refreshToken()).isEqualTo("secret-r");
    assertThat(response.refreshTokenLifetime()).isNull();
    assertThat(response.accessTokenLifetime()).isEqualTo(Duration.ofHours(1));
    assertThat(response.irregularities()).hasSize(1);
    assertThat(response.irregularities().get(0)).startsWith("refresh_token_expires_in ");
    assertNoTokenIn(response);
  }

  /** A token type other than bearer does not lose a new refresh token; it is noted. */
  @ParameterizedTest
  @ValueSource(strings = {"\"mac\"", "42", "\"\""})
  void otherTokenTypeWithANewRefreshTokenIsAccepted(String type) {
    TokenResponse response =
        TokenResponseParser.parse(
            "{\"access_token\":\"secret-a\",\"token_type\":"
                + type
                + ",\"expires_in\":3600,\"refresh_token\":\"secret-r\"}");

    assertThat(response.accessToken()).isEqualTo("secret-a");
    assertThat(response.refreshToken()).isEqualTo("secret-r");
    assertThat(response.irregularities()).containsExactly("token_type is not bearer");
    assertNoTokenIn(response);
  }

  /**
   * A new refresh token without a usable access token: the refresh token is kept, no access token
   * and no lifetime are invented (the connection keeps its current access token).
   */
  @ParameterizedTest
  @ValueSource(
      strings = {"", ",\"access_token\":\"\"", ",\"access_token\":7", ",\"access_token\":null"})
  void missingAccessTokenWithANewRefreshTokenKeepsTheRefreshToken(String access) {
    TokenResponse response =
        TokenResponseParser.parse(
            "{\"refresh_token\":\"secret-r\",\"expires_in\":3600" + access + "}");

    assertThat(response.carriesAccessToken()).isFalse();
    assertThat(response.accessToken()).isNull();
    assertThat(response.accessTokenLifetime()).isNull();
    assertThat(response.refreshToken()).isEqualTo("secret-r");
    assertThat(response.irregularities()).hasSize(1);
    assertThat(response.irregularities().get(0)).startsWith("access_token ");
    assertNoTokenIn(response);
  }

  /** Several oddities at once are all named, in field order, in one note. */
  @Test
  void everyIrregularityIsNamed() {
    TokenResponse response =
        TokenResponseParser.parse(
            "{\"access_token\":\"secret-a\",\"token_type\":\"mac\",\"expires_in\":\"3600\","
                + "\"refresh_token\":\"secret-r\",\"refresh_token_expires_in\":-1}");

    assertThat(response.irregularities()).hasSize(3);
    assertThat(response.irregularityNote())
        .startsWith("FreeAgent's answer was irregular: ")
        .contains("expires_in sent as a string")
        .contains("token_type is not bearer")
        .contains("refresh_token_expires_in");
    assertNoTokenIn(response);
  }

  private static void assertNoTokenIn(TokenResponse response) {
    assertThat(response.toString()).doesNotContain("secret-a").doesNotContain("secret-r");
    assertThat(String.join(" ", response.irregularities()))
        .doesNotContain("secret-a")
        .doesNotContain("secret-r");
  }
}
