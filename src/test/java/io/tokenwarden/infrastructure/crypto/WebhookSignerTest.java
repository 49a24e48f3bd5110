package io.tokenwarden.infrastructure.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

  private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  private static final long SPEC_TIMESTAMP = 1614265330L;
  private static final String SPEC_BODY = "{\"test\": 2432232314}";
  private static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

  /** The Standard Webhooks specification's test vector: any receiver library accepts ours. */
  @Test
  void reproducesTheSpecificationsTestVector() {
    assertThat(
            WebhookSigner.signatureHeader(List.of(SPEC_SECRET), SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY))
        .isEqualTo(SPEC_SIGNATURE);
  }

  /** During a rotation: one signature per secret, current first, separated by a space. */
  @Test
  void signsWithEverySecretSpaceSeparated() {
    String other = WebhookSigner.newSecret();

    String header =
        WebhookSigner.signatureHeader(
            List.of(other, SPEC_SECRET), SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY);

    String[] signatures = header.split(" ");
    assertThat(signatures).hasSize(2);
    assertThat(signatures[0]).startsWith("v1,").isNotEqualTo(SPEC_SIGNATURE);
    assertThat(signatures[1]).isEqualTo(SPEC_SIGNATURE);
  }

  /** Any change to id, timestamp or body changes the signature. */
  @Test
  void coversIdTimestampAndBody() {
    List<String> secret = List.of(SPEC_SECRET);
    assertThat(WebhookSigner.signatureHeader(secret, SPEC_ID + "x", SPEC_TIMESTAMP, SPEC_BODY))
        .isNotEqualTo(SPEC_SIGNATURE);
    assertThat(WebhookSigner.signatureHeader(secret, SPEC_ID, SPEC_TIMESTAMP + 1, SPEC_BODY))
        .isNotEqualTo(SPEC_SIGNATURE);
    assertThat(WebhookSigner.signatureHeader(secret, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY + " "))
        .isNotEqualTo(SPEC_SIGNATURE);
  }

  /** A new secret is whsec_ and 32 random bytes in Base64, different each time. */
  @Test
  void newSecretsHaveTheSpecificationsForm() {
    String secret = WebhookSigner.newSecret();

    assertThat(secret).startsWith("whsec_").isNotEqualTo(WebhookSigner.newSecret());
    assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
  }

  @Test
  void refusesNoSecretAndDoesNotEchoABadOne() {
    assertThatThrownBy(() -> WebhookSigner.signatureHeader(List.of(), "id", 1, "{}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WebhookSigner.signatureHeader(List.of("whsec_%%%"), "id", 1, "{}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("%%%");
  }
}
