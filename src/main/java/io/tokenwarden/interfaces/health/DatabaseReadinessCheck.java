package io.tokenwarden.interfaces.health;

import io.tokenwarden.infrastructure.persistence.DatabaseMigrations;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.flywaydb.core.api.MigrationInfoService;

/**
 * Ready when the database answers and every migration on the classpath has been applied, so a node
 * whose schema is behind (or ahead of) its code takes no traffic.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadinessCheck implements HealthCheck {

  @Resource(lookup = "jdbc/tokenwarden")
  DataSource dataSource;

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response = HealthCheckResponse.named("database");
    try (Connection connection = dataSource.getConnection()) {
      if (!connection.isValid(2)) {
        return response.down().withData("reason", "connection not valid").build();
      }
      response.withData("database", connection.getMetaData().getDatabaseProductName());
    } catch (SQLException e) {
      return response.down().withData("reason", "unreachable: " + e.getSQLState()).build();
    }
    MigrationInfoService info = DatabaseMigrations.flyway(dataSource).info();
    String version = info.current() == null ? "none" : info.current().getVersion().getVersion();
    response.withData("schemaVersion", version);
    int pending = info.pending().length;
    boolean failed = Arrays.stream(info.all()).anyMatch(m -> m.getState().isFailed());
    response.withData("pendingMigrations", pending).withData("failedMigrations", failed);
    return pending == 0 && !failed ? response.up().build() : response.down().build();
  }
}
