package io.tokenwarden.interfaces.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.tokenwarden.infrastructure.persistence.DatabaseMigrations;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DatabaseReadinessCheckTest {

  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final CountDownLatch hangUntil = new CountDownLatch(1);
  private volatile String state = "up";
  private JdbcDataSource database;
  private DatabaseReadinessCheck check;

  @BeforeAll
  static void responsesWithoutAServer() {
    HealthCheckResponse.setResponseProvider(PlainResponses::new);
  }

  @BeforeEach
  void migratedDatabaseBehindASwitch() {
    database = new JdbcDataSource();
    database.setURL("jdbc:h2:mem:ready-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    DatabaseMigrations.flyway(database).migrate();
    check = new DatabaseReadinessCheck();
    check.dataSource = switchable();
    check.executor = executor;
    check.timeout = Duration.ofMillis(300);
  }

  @AfterEach
  void release() {
    hangUntil.countDown();
    executor.shutdownNow();
  }

  /** A database that refuses connections makes the node unready, with the SQL state as reason. */
  @Test
  void unreachableDatabaseIsDown() {
    state = "refused";

    HealthCheckResponse response = check.call();

    assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    assertThat(response.getData().orElseThrow()).containsEntry("reason", "unreachable: 08001");
  }

  /** A database that hangs makes the node unready within the timeout, not the probe hang. */
  @Test
  void hangingDatabaseIsDownWithinTheTimeout() {
    state = "hang";

    HealthCheckResponse response = assertTimeoutPreemptively(Duration.ofSeconds(5), check::call);
    HealthCheckResponse again = assertTimeoutPreemptively(Duration.ofSeconds(5), check::call);

    assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    assertThat(again.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
  }

  /** Up, down while the database is cut off, and up again without a restart: nothing is cached. */
  @Test
  void readyAgainOnceTheDatabaseIsBack() {
    assertThat(check.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);

    state = "refused";
    assertThat(check.call().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);

    state = "up";
    assertThat(check.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
  }

  /** The H2 database, or a refusal (SQL state 08001), or a hang, as {@link #state} says. */
  private DataSource switchable() {
    return (DataSource)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {DataSource.class},
            (proxy, method, args) -> {
              if (method.getName().equals("getConnection")) {
                switch (state) {
                  case "refused" -> throw new SQLException("Connection refused", "08001");
                  case "hang" -> hangUntil.await();
                  default -> {}
                }
              }
              try {
                return method.invoke(database, args);
              } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  /** What MP Health's server-side provider does, enough for a unit test. */
  private static final class PlainResponses extends HealthCheckResponseBuilder {
    private String name;
    private HealthCheckResponse.Status status = HealthCheckResponse.Status.DOWN;
    private final Map<String, Object> data = new LinkedHashMap<>();

    @Override
    public HealthCheckResponseBuilder name(String name) {
      this.name = name;
      return this;
    }

    @Override
    public HealthCheckResponseBuilder withData(String key, String value) {
      data.put(key, value);
      return this;
    }

    @Override
    public HealthCheckResponseBuilder withData(String key, long value) {
      data.put(key, value);
      return this;
    }

    @Override
    public HealthCheckResponseBuilder withData(String key, boolean value) {
      data.put(key, value);
      return this;
    }

    @Override
    public HealthCheckResponseBuilder up() {
      return status(true);
    }

    @Override
    public HealthCheckResponseBuilder down() {
      return status(false);
    }

    @Override
    public HealthCheckResponseBuilder status(boolean up) {
      status = up ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN;
      return this;
    }

    @Override
    public HealthCheckResponse build() {
      return new HealthCheckResponse(name, status, Optional.of(data));
    }
  }
}
