package io.tokenwarden.interfaces.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenwarden.testing.LibertyConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * Liberty moves a persistent timer to another node only when the persistent executor has a missed
 * task threshold between 100 s and 2.5 h; without one, the cluster-once jobs stop with the node
 * that created their timer. This guards the setting in the PostgreSQL configuration.
 */
class TimerFailoverConfigTest {

  /** The EJB timers' executor names a threshold whose default enables failover. */
  @Test
  void persistentTimersFailOver() {
    LibertyConfig config = LibertyConfig.withIncludes("liberty/db/postgresql.xml");

    Element executor = config.byId("persistentExecutor", "defaultEJBPersistentTimerExecutor");
    Duration threshold = config.duration(executor, "missedTaskThreshold");

    assertThat(threshold).as("missedTaskThreshold").isNotNull();
    assertThat(threshold).isBetween(Duration.ofSeconds(100), Duration.ofMinutes(150));
  }
}
