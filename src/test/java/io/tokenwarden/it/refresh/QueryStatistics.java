package io.tokenwarden.it.refresh;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;

/**
 * Hands an in-container test Hibernate's node-wide statistics (JDBC statements prepared, queries,
 * entity loads), switched on only while a test looks. Deployed only with {@link
 * HandOutWithoutDatabaseIT}.
 */
@ApplicationScoped
public class QueryStatistics {

  @PersistenceUnit(unitName = "tokenwarden")
  EntityManagerFactory factory;

  public Statistics enabled() {
    Statistics statistics = factory.unwrap(SessionFactory.class).getStatistics();
    statistics.setStatisticsEnabled(true);
    return statistics;
  }

  public void disable() {
    factory.unwrap(SessionFactory.class).getStatistics().setStatisticsEnabled(false);
  }
}
