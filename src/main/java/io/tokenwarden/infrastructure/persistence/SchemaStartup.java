package io.tokenwarden.infrastructure.persistence;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.api.output.MigrateResult;
import org.hibernate.SessionFactory;

/**
 * Brings the schema to the version the code expects before anything else starts: Flyway migrates,
 * then Hibernate validates its mapping against the result and the application fails to start on any
 * mismatch. Hibernate never generates DDL. Start-up beans that use JPA declare
 * {@code @DependsOn("SchemaStartup")}.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SchemaStartup {

  private static final Logger LOG = Logger.getLogger(SchemaStartup.class.getName());

  @Resource(lookup = "jdbc/tokenwarden")
  DataSource dataSource;

  @PersistenceUnit(unitName = "tokenwarden")
  EntityManagerFactory entityManagerFactory;

  @PostConstruct
  void migrateThenValidate() {
    MigrateResult result = DatabaseMigrations.flyway(dataSource).migrate();
    LOG.info(
        () ->
            "Database schema at version "
                + result.targetSchemaVersion
                + " on "
                + result.database
                + " ("
                + result.migrationsExecuted
                + " migration(s) applied at this start)");
    entityManagerFactory.unwrap(SessionFactory.class).getSchemaManager().validateMappedObjects();
    LOG.info("Hibernate mapping validated against the migrated schema");
  }
}
