package io.tokenwarden.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ClientCredentialsTest {

  private static String basic(String raw) {
    return "Basic " + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  private static String form(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** RFC 6749 §2.3.1: id and secret are form-url-decoded after Base64. */
  @Test
  void decodesFormEncodingAfterBase64() {
    String header = basic(form("my client") + ":" + form("s3cr3t/+=:%"));

    ClientCredentials credentials = ClientCredentials.fromBasicHeader(header).orElseThrow();

    assertThat(credentials.id()).isEqualTo("my client");
    assertThat(credentials.secret()).isEqualTo("s3cr3t/+=:%");
  }

  /** A secret sent without form encoding loses its '+', as at a strict provider. */
  @Test
  void unencodedPlusBecomesSpace() {
    ClientCredentials credentials =
        ClientCredentials.fromBasicHeader(basic("id:a+b")).orElseThrow();

    assertThat(credentials.secret()).isEqualTo("a b");
  }

  /** The first colon separates id and secret. */
  @Test
  void secretMayContainAColon() {
    assertThat(ClientCredentials.fromBasicHeader(basic("id:se:cret")).orElseThrow().secret())
        .isEqualTo("se:cret");
  }

  /** Anything that is not a well-formed Basic header is no credentials at all. */
  @Test
  void rejectsMalformedHeaders() {
    assertThat(ClientCredentials.fromBasicHeader(null)).isEmpty();
    assertThat(ClientCredentials.fromBasicHeader("Bearer abc")).isEmpty();
    assertThat(ClientCredentials.fromBasicHeader("Basic !!!not-base64")).isEmpty();
    assertThat(ClientCredentials.fromBasicHeader(basic("no-colon"))).isEmpty();
    assertThat(ClientCredentials.fromBasicHeader(basic("id:%zz"))).isEmpty();
  }

  /** Scheme names are case-insensitive. */
  @Test
  void schemeIsCaseInsensitive() {
    String header = "basic " + Base64.getEncoder().encodeToString("a:b".getBytes());
    assertThat(ClientCredentials.fromBasicHeader(header)).isPresent();
  }

  /** The secret never shows up in a log line built from the credentials. */
  @Test
  void toStringHidesTheSecret() {
    assertThat(new ClientCredentials("id", "topsecret").toString()).doesNotContain("topsecret");
  }
}
