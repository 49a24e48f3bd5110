package io.tokenwarden.interfaces.health;

import io.tokenwarden.infrastructure.persistence.DatabaseMigrations;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.flywaydb.core.api.MigrationInfoService;

/**
 * Ready when the database answers and every migration on the classpath has been applied, so a node
 * whose schema is behind (or ahead of) its code takes no traffic. Each call asks the database
 * afresh (a failure is never remembered, so the node is ready again as soon as the database is) and
 * answers within {@code tokenwarden.health.database-timeout}: a database that hangs makes the node
 * unready, not the probe. A probe still hanging is joined by the next call, not multiplied.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadinessCheck implements HealthCheck {

  @Resource(lookup = "jdbc/tokenwarden")
  DataSource dataSource;

  @Resource(lookup = "java:comp/DefaultManagedExecutorService")
  ExecutorService executor;

  @Inject
  @ConfigProperty(name = "tokenwarden.health.database-timeout", defaultValue = "PT3S")
  Duration timeout;

  private final AtomicReference<Future<HealthCheckResponse>> running = new AtomicReference<>();

  @Override
  public HealthCheckResponse call() {
    try {
      return probeInFlight().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return down("no answer within " + timeout.toMillis() + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return down("interrupted");
    } catch (ExecutionException e) {
      return down("check failed: " + e.getCause().getClass().getSimpleName());
    } catch (RuntimeException e) {
      return down("check not started: " + e.getClass().getSimpleName());
    }
  }

  private Future<HealthCheckResponse> probeInFlight() {
    while (true) {
      Future<HealthCheckResponse> current = running.get();
      if (current != null && !current.isDone()) {
        return current;
      }
      FutureTask<HealthCheckResponse> next = new FutureTask<>(this::probe);
      if (running.compareAndSet(current, next)) {
        executor.execute(next);
        return next;
      }
    }
  }

  private HealthCheckResponse probe() {
    HealthCheckResponseBuilder response = HealthCheckResponse.named("database");
    try (Connection connection = dataSource.getConnection()) {
      if (!connection.isValid(2)) {
        return down("connection not valid");
      }
      response.withData("database", connection.getMetaData().getDatabaseProductName());
    } catch (SQLException e) {
      return down("unreachable: " + e.getSQLState());
    }
    MigrationInfoService info = DatabaseMigrations.flyway(dataSource).info();
    String version = info.current() == null ? "none" : info.current().getVersion().getVersion();
    response.withData("schemaVersion", version);
    int pending = info.pending().length;
    boolean failed = Arrays.stream(info.all()).anyMatch(m -> m.getState().isFailed());
    response.withData("pendingMigrations", pending).withData("failedMigrations", failed);
    return pending == 0 && !failed ? response.up().build() : response.down().build();
  }

  private static HealthCheckResponse down(String reason) {
    return HealthCheckResponse.named("database").down().withData("reason", reason).build();
  }
}
