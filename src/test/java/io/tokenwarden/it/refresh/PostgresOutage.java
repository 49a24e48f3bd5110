package io.tokenwarden.it.refresh;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Cuts this node off a real PostgreSQL database and back, as an outage would: the database's
 * connection limit drops to 0 (the application's user is no superuser, so it is refused too) and
 * every other session of it is terminated, so Liberty's pool really loses its connections. The one
 * connection kept here restores the limit. Deployed only with {@link HandOutWithoutDatabaseIT},
 * whose test of it runs on PostgreSQL only.
 */
@ApplicationScoped
public class PostgresOutage {

  @Resource(lookup = "jdbc/tokenwarden")
  DataSource dataSource;

  private Connection keeper;
  private String database;

  public void cut() throws SQLException {
    keeper = dataSource.getConnection();
    keeper.setAutoCommit(true);
    database = keeper.getCatalog();
    try (Statement statement = keeper.createStatement()) {
      statement.execute("ALTER DATABASE \"" + database + "\" WITH CONNECTION LIMIT 0");
      statement.execute(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
              + " WHERE datname = current_database() AND pid <> pg_backend_pid()");
    }
  }

  public void restore() throws SQLException {
    if (keeper == null) {
      return;
    }
    try (Statement statement = keeper.createStatement()) {
      statement.execute("ALTER DATABASE \"" + database + "\" WITH CONNECTION LIMIT -1");
    } finally {
      keeper.close();
      keeper = null;
    }
  }
}
