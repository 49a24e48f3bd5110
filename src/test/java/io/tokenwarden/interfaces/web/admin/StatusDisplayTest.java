package io.tokenwarden.interfaces.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenwarden.domain.ConnectionStatus;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StatusDisplayTest {

  private final StatusDisplay display = new StatusDisplay();

  @Test
  void everyStatusHasAWordAndAnIconOfItsOwn() {
    ConnectionStatus[] all = ConnectionStatus.values();
    assertThat(Arrays.stream(all).map(display::word))
        .doesNotHaveDuplicates()
        .allSatisfy(word -> assertThat(word).isNotBlank().isNotEqualTo("Unknown"));
    assertThat(Arrays.stream(all).map(display::icon))
        .doesNotHaveDuplicates()
        .allSatisfy(icon -> assertThat(icon).startsWith("pi pi-"));
  }

  @Test
  void aMissingStatusIsShownAsUnknownNotAsBlank() {
    assertThat(display.word(null)).isEqualTo("Unknown");
    assertThat(display.icon(null)).isEqualTo("pi pi-question-circle");
    assertThat(display.cssClass(null)).isEqualTo("tw-status tw-status-unknown");
  }

  @Test
  void theColourClassNamesTheStatus() {
    assertThat(display.word(ConnectionStatus.NEEDS_RECONNECT)).isEqualTo("Needs reconnect");
    assertThat(display.cssClass(ConnectionStatus.NEEDS_RECONNECT))
        .isEqualTo("tw-status tw-status-needs-reconnect");
    assertThat(display.getAll()).containsExactly(ConnectionStatus.values());
  }
}
