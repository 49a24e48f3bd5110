package io.tokenwarden.infrastructure.persistence;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The one description of how Flyway reads this application's migrations: {@code db/migration} on
 * the classpath, copied there from the repository's top-level {@code db/} folder. The empty {@code
 * flyway.location} file in that folder lets Flyway's scanner find it on Liberty.
 *
 * <p>On PostgreSQL, Liberty's persistent EJB timer store creates its own tables ({@code
 * ejbtimer_*}) in the same schema when the application starts, which can be before Flyway's first
 * run on a fresh database. Flyway would then refuse the "non-empty" schema; when those timer tables
 * are the only strangers, the schema is baselined at version 0 so every migration still runs. Any
 * other unknown table still stops the start, as before.
 */
public final class DatabaseMigrations {

  private static final String LOCATION = "classpath:db/migration";
  private static final String TIMER_TABLE_PREFIX = "ejbtimer_";

  private DatabaseMigrations() {}

  public static Flyway flyway(DataSource dataSource) {
    return Flyway.configure(DatabaseMigrations.class.getClassLoader())
        .dataSource(dataSource)
        .locations(LOCATION)
        .failOnMissingLocations(true)
        .baselineOnMigrate(onlyTimerTablesPresent(dataSource))
        .baselineVersion("0")
        .load();
  }

  /** True when the current schema holds Liberty's timer tables and nothing else (no history). */
  private static boolean onlyTimerTablesPresent(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection();
        ResultSet tables =
            connection
                .getMetaData()
                .getTables(
                    connection.getCatalog(), connection.getSchema(), "%", new String[] {"TABLE"})) {
      boolean timerTables = false;
      while (tables.next()) {
        String name = tables.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
        if (!name.startsWith(TIMER_TABLE_PREFIX)) {
          return false;
        }
        timerTables = true;
      }
      return timerTables;
    } catch (SQLException e) {
      return false;
    }
  }
}
