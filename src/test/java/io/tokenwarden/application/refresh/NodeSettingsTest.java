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

  /** Peers are off by default: no URL, no secret, nothing to complain about. */
  @Test
  void peersAreOffByDefault() {
    NodeSettings settings = ConfigDefaults.of(NodeSettings.class);

    assertThat(settings.peerUrl()).isEmpty();
    assertThat(settings.peerSecret()).isEmpty();
    assertThat(settings.peerProblem()).isNull();
  }

  /**
   * A URL other nodes could not ask (no secret), one that is not an absolute http(s) URL, and a
   * short secret each stop the start with a message naming the key; a complete pair passes, and so
   * does a secret alone (a node that asks but is never asked).
   */
  @Test
  void peerSettingsThatCannotWorkAreRefused() {
    String secret = "s".repeat(32);

    assertThat(peers("http://node-1.internal:9080", null)).contains("tokenwarden.node.peer-secret");
    assertThat(peers("node-1:9080", secret)).contains("tokenwarden.node.peer-url");
    assertThat(peers("ftp://node-1.internal", secret)).contains("tokenwarden.node.peer-url");
    assertThat(peers("http://node 1", secret)).contains("tokenwarden.node.peer-url");
    assertThat(peers("http://node-1.internal:9080", "short")).contains("at least 32");
    assertThat(peers("http://node-1.internal:9080", secret)).isNull();
    assertThat(peers(null, secret)).isNull();
  }

  private static String peers(String url, String secret) {
    NodeSettings settings = ConfigDefaults.of(NodeSettings.class);
    settings.peerUrl = java.util.Optional.ofNullable(url);
    settings.peerSecret = java.util.Optional.ofNullable(secret);
    String problem = settings.peerProblem();
    assertThat(problem == null ? "" : problem).doesNotContain(secret == null ? "\0" : secret);
    return problem;
  }
}
