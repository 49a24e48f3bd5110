package io.tokenwarden.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OpaqueTokensTest {

  private final OpaqueTokens tokens = new OpaqueTokens();

  /** Tokens look like FreeAgent's: padded standard Base64, with the characters that need care. */
  @Test
  void tokensArePaddedBase64WithPlusSlashAndEquals() {
    for (int i = 0; i < 200; i++) {
      String token = tokens.next();
      assertThat(token).matches("[A-Za-z0-9+/]{43}=").contains("+", "/", "=");
      assertThat(Base64.getDecoder().decode(token)).hasSize(OpaqueTokens.TOKEN_BYTES);
    }
  }

  /** No two tokens repeat. */
  @Test
  void tokensAreUnique() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      assertThat(seen.add(tokens.next())).isTrue();
    }
  }
}
