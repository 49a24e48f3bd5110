package io.tokenwarden.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.naming.InitialContext;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The cluster-once maintenance runs on one persistent EJB timer in the shared PostgreSQL store: the
 * IT server has deployed the WAR once per IT class by now, and every start must have found the
 * timer again rather than added one. (On H2 the timer is local, and there is no store to look at.)
 * In-container, so JUnit's assertions: AssertJ is not in the deployed archive.
 */
@ExtendWith(ArquillianExtension.class)
class MaintenanceTimerIT {

  @Deployment
  static WebArchive deployment() {
    return Deployments.application();
  }

  /**
   * Exactly one maintenance task is stored, however often the application started. Enabled on the
   * client side: an assumption that fails in the container comes back from Arquillian as an error.
   */
  @Test
  @EnabledIfEnvironmentVariable(named = "TOKENWARDEN_DB_KIND", matches = "postgresql")
  void oneStoredMaintenanceTimerAfterRepeatedStarts() throws Exception {
    DataSource dataSource = (DataSource) new InitialContext().lookup("jdbc/tokenwarden");
    try (Connection connection = dataSource.getConnection()) {
      String product = connection.getMetaData().getDatabaseProductName();
      assertTrue(
          product.toLowerCase(Locale.ROOT).contains("postgres"),
          "persistent timers are stored on PostgreSQL only");
      List<String> names = new ArrayList<>();
      try (Statement statement = connection.createStatement();
          ResultSet rows =
              statement.executeQuery(
                  "SELECT iname FROM ejbtimer_task WHERE iname LIKE '%#MaintenanceTimer'")) {
        while (rows.next()) {
          names.add(rows.getString(1));
        }
      }
      assertEquals(1, names.size(), "stored maintenance timers: " + names);
    }
  }
}
