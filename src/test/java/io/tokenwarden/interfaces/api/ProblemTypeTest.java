package io.tokenwarden.interfaces.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Problem type URIs are part of the API contract: stable, distinct, under one base. */
class ProblemTypeTest {

  @Test
  void urisAreKebabCaseUnderTheBase() {
    assertThat(ProblemType.NEEDS_RECONNECT.uri())
        .isEqualTo("https://tokenwarden.io/problems/needs-reconnect");
    assertThat(ProblemType.STORE_UNAVAILABLE.uri())
        .isEqualTo("https://tokenwarden.io/problems/store-unavailable");
    assertThat(ProblemType.values())
        .allSatisfy(t -> assertThat(t.uri()).matches("https://tokenwarden\\.io/problems/[a-z-]+"));
  }

  @Test
  void everyReasonHasItsOwnUri() {
    assertThat(Arrays.stream(ProblemType.values()).map(ProblemType::uri).distinct())
        .hasSize(ProblemType.values().length);
  }

  @Test
  void connectionProblemsPickTheirTypeByStatus() {
    assertThat(Problems.forUnusable(io.tokenwarden.domain.ConnectionStatus.NEEDS_RECONNECT))
        .isEqualTo(ProblemType.NEEDS_RECONNECT);
    assertThat(Problems.forUnusable(io.tokenwarden.domain.ConnectionStatus.PENDING))
        .isEqualTo(ProblemType.NOT_CONNECTED);
    assertThat(Problems.forUnusable(io.tokenwarden.domain.ConnectionStatus.DISCONNECTED))
        .isEqualTo(ProblemType.NOT_CONNECTED);
  }
}
