package io.tokenwarden.application.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenwarden.testing.ConfigDefaults;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NodeSettingsTest {

  /** A node is taken for dead after 90 s without a heartbeat, as the README's table says. */
  @Test
  void deadAfterDefaultIsTheDocumentedOne() {
    NodeSettings settings = ConfigDefaults.of(NodeSettings.class);

    assertThat(settings.deadAfter()).isEqualTo(Duration.ofSeconds(90));
    ConfigDefaults.assertDocumentedInReadme(NodeSettings.class);
  }
}
