package io.tokenwarden.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The health endpoints a load balancer or Kubernetes probes. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HealthIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.application();
  }

  private final HttpClient http = HttpClient.newHttpClient();

  /** Ready means the database answers and every migration has been applied. */
  @Test
  void readinessReportsDatabaseAndSchemaUp() throws Exception {
    HttpResponse<String> response = get("/health/ready");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("\"status\":\"UP\"")
        .contains("\"name\":\"database\"")
        .contains("\"pendingMigrations\":0")
        .contains("\"schemaVersion\"");
  }

  /** Liveness does not depend on the database. */
  @Test
  void livenessIsUp() throws Exception {
    HttpResponse<String> response = get("/health/live");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"name\":\"process\"").contains("\"status\":\"UP\"");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(ItSettings.baseUrl() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
