package io.tokenwarden.interfaces.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tokenwarden.domain.ConnectionStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Query parameters and body members: parsed, or a 400 problem naming the parameter. */
class QueryParamsTest {

  private static final Duration MAX = Duration.ofMinutes(30);

  @Test
  void minValidityIsAnIsoDurationWithinTheMaximum() {
    assertThat(QueryParams.duration("min_validity", "PT10M", MAX))
        .isEqualTo(Duration.ofMinutes(10));
    assertThat(QueryParams.duration("min_validity", "pt30m", MAX)).isEqualTo(MAX);
    assertThat(QueryParams.duration("min_validity", null, MAX)).isNull();
  }

  @Test
  void minValidityOutsideItsBoundsNamesTheParameter() {
    for (String bad : new String[] {"PT31M", "PT0S", "-PT1M", "10 minutes", "P1D"}) {
      assertThatThrownBy(() -> QueryParams.duration("min_validity", bad, MAX))
          .as(bad)
          .isInstanceOf(FieldProblem.class)
          .satisfies(e -> assertThat(((FieldProblem) e).field()).isEqualTo("min_validity"));
    }
    assertThatThrownBy(() -> QueryParams.duration("min_validity", "PT31M", MAX))
        .hasMessageContaining("PT30M");
  }

  @Test
  void statusIsOneOfTheNamesInAnyCase() {
    assertThat(QueryParams.oneOf("status", "needs_reconnect", ConnectionStatus.class))
        .isEqualTo(ConnectionStatus.NEEDS_RECONNECT);
    assertThat(QueryParams.oneOf("status", "", ConnectionStatus.class)).isNull();
    assertThatThrownBy(() -> QueryParams.oneOf("status", "ASLEEP", ConnectionStatus.class))
        .isInstanceOf(FieldProblem.class)
        .hasMessageContaining("NEEDS_RECONNECT");
  }

  @Test
  void numbersAreBounded() {
    assertThat(QueryParams.number("size", "200", 50, 1, 200)).isEqualTo(200);
    assertThat(QueryParams.number("size", null, 50, 1, 200)).isEqualTo(50);
    assertThatThrownBy(() -> QueryParams.number("size", "201", 50, 1, 200))
        .isInstanceOf(FieldProblem.class);
  }

  @Test
  void instantsAreIso() {
    assertThat(QueryParams.instant("expiresAt", "2027-01-01T00:00:00Z")).isNotNull();
    assertThatThrownBy(() -> QueryParams.instant("expiresAt", "tomorrow"))
        .isInstanceOf(FieldProblem.class);
  }
}
