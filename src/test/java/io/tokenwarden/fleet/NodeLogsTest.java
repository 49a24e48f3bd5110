package io.tokenwarden.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeLogsTest {

  private static final String WARNING =
      "[12/7/26, 21:51:45:197 UTC] 00000053 io.tokenwarden.application.refresh.NodeRegistry"
          + "              W This node was cut off from the database";
  private static final String INFO =
      "[12/7/26, 21:52:34:313 UTC] 00000092 io.tokenwarden.application.refresh.TokenStore"
          + "                I Tenant r1-strict-14 was deleted during a refresh; pair dropped.";
  private static final String ERROR = WARNING.replace("  W ", "  E ").replace("cut off", "gone");
  private static final String LONG_PAUSE =
      "[2026-12-07T21:51:20.001+0000][301.2s] GC(88) Pause Full (G1 Compaction Pause)"
          + " 630M->610M(640M) 2417.880ms";
  private static final String SHORT_PAUSE =
      "[2026-12-07T21:51:20.001+0000][301.2s] GC(89) Pause Young (Normal) 80M->20M(640M) 12.004ms";

  @Test
  void warningsErrorsAndLongPausesAreNotableAndNothingElse() {
    assertThat(NodeLogs.isNotable(WARNING)).isTrue();
    assertThat(NodeLogs.isNotable(WARNING.replace("  W ", "  E "))).isTrue();
    assertThat(NodeLogs.isNotable(LONG_PAUSE)).isTrue();
    assertThat(NodeLogs.isNotable(INFO)).isFalse();
    assertThat(NodeLogs.isNotable(SHORT_PAUSE)).isFalse();
  }

  @Test
  void reportsTheLastWarningsAndEveryLongPauseOfEveryServerButTheTemplate(@TempDir Path project)
      throws Exception {
    Path servers = project.resolve("target/liberty/wlp/usr/servers");
    write(servers.resolve("fleet-node1/logs/messages.1.log"), ERROR);
    write(servers.resolve("fleet-node1/logs/messages.log"), INFO, WARNING);
    write(servers.resolve("fleet-node1/logs/gc-4242.log"), SHORT_PAUSE, LONG_PAUSE);
    write(servers.resolve("fleet-base/logs/messages.log"), WARNING);
    write(servers.resolve("other-node1/logs/messages.log"), WARNING);

    String report = NodeLogs.notable(project, "fleet", 1);

    assertThat(report)
        .contains("--- fleet-node1 ---")
        .contains("messages.log: " + WARNING)
        .doesNotContain(ERROR) // one message per server: the newest, from the current log
        .contains("gc-4242.log: " + LONG_PAUSE) // every long pause, whatever the limit
        .doesNotContain(SHORT_PAUSE)
        .doesNotContain("fleet-base")
        .doesNotContain("other-node1");
    assertThat(NodeLogs.notable(project, "fleet", 10)).contains("messages.1.log: " + ERROR);
  }

  private static void write(Path file, String... lines) throws Exception {
    Files.createDirectories(file.getParent());
    Files.write(file, List.of(lines));
  }
}
