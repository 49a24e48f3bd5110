package io.tokenwarden.application.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NodeSettingsTest {

  /** A node is taken for dead after 90 s without a heartbeat, as the README's table says. */
  @Test
  void deadAfterDefaultIsTheDocumentedOne() throws IOException {
    NodeSettings settings = AnnotatedDefaults.of(NodeSettings.class);

    assertThat(settings.deadAfter()).isEqualTo(Duration.ofSeconds(90));
    assertThat(Files.readString(Path.of("README.md")))
        .contains("| `tokenwarden.node.dead-after` (`TOKENWARDEN_NODE_DEAD_AFTER`) | `PT90S` |");
  }
}
