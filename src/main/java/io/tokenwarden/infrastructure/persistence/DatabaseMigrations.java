package io.tokenwarden.infrastructure.persistence;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The one description of how Flyway reads this application's migrations: {@code db/migration} on
 * the classpath, copied there from the repository's top-level {@code db/} folder. The empty {@code
 * flyway.location} file in that folder lets Flyway's scanner find it on Liberty.
 */
public final class DatabaseMigrations {

  private static final String LOCATION = "classpath:db/migration";

  private DatabaseMigrations() {}

  public static Flyway flyway(DataSource dataSource) {
    return Flyway.configure(DatabaseMigrations.class.getClassLoader())
        .dataSource(dataSource)
        .locations(LOCATION)
        .failOnMissingLocations(true)
        // On PostgreSQL, Liberty may create its persistent-timer tables (EJBTIMER_*) in a fresh
        // database before this runs; Flyway would then refuse a "non-empty schema". A baseline at
        // version 0 records the history table and still applies every migration from V1.
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load();
  }
}
