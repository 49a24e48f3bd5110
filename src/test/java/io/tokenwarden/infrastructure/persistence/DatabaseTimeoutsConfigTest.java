package io.tokenwarden.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenwarden.application.refresh.RefreshSettings;
import io.tokenwarden.testing.ConfigDefaults;
import io.tokenwarden.testing.LibertyConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * Issue 10, defect 10: no call may wait on PostgreSQL for ever. Without these limits a hung or
 * silently dropped database holds a refresh's store until its lease has passed to another node, and
 * holds request threads the hand-out needs to answer 503. Each limit Liberty applies to the data
 * source must be set, and its default well inside the refresh lease (at most half of it).
 */
class DatabaseTimeoutsConfigTest {

  private final LibertyConfig config = LibertyConfig.withIncludes("liberty/db/postgresql.xml");

  private final Duration lease = ConfigDefaults.of(RefreshSettings.class).lease();

  @Test
  void everyWaitOnPostgreSqlIsBoundedWellInsideTheLease() {
    Element dataSource = config.byId("dataSource", "tokenwardenDataSource");
    Element driver = config.child(dataSource, "properties.postgresql");
    Element pool = config.child(dataSource, "connectionManager");

    for (String limit : new String[] {"connectTimeout", "loginTimeout", "socketTimeout"}) {
      assertBounded(limit, config.duration(driver, limit));
    }
    assertBounded(
        "connectionManager connectionTimeout", config.duration(pool, "connectionTimeout"));
  }

  private void assertBounded(String what, Duration limit) {
    assertThat(limit).as(what + " is set").isNotNull();
    assertThat(limit).as(what).isPositive().isLessThanOrEqualTo(lease.dividedBy(2));
  }
}
