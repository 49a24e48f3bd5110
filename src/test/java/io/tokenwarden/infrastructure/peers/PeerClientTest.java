package io.tokenwarden.infrastructure.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class PeerClientTest {

  /** A node's answer is read as the tenant ids it names. */
  @Test
  void readsTheTenantsAPeerNames() {
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();

    assertThat(
            PeerClient.parse(
                "{\"node\":\"n1/abcdefgh\",\"tenants\":[\"" + a + "\",\"" + b + "\"]}"))
        .containsExactlyInAnyOrder(a, b);
    assertThat(PeerClient.parse("{\"node\":\"n1/abcdefgh\",\"tenants\":[]}")).isEmpty();
  }

  /**
   * Anything else is no answer at all (the caller then treats the holder as before), never an empty
   * list by mistake: a list that is missing, holds something other than ids, or is not JSON.
   */
  @Test
  void anythingElseIsNoAnswer() {
    for (String body :
        new String[] {
          "{\"node\":\"n1\"}",
          "{\"tenants\":[42]}",
          "{\"tenants\":[\"not-a-uuid\"]}",
          "<html>gateway</html>",
          "[]"
        }) {
      assertThatThrownBy(() -> PeerClient.parse(body))
          .as(body)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("Not a peer's answer");
    }
  }
}
