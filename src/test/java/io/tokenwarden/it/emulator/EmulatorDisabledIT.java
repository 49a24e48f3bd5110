package io.tokenwarden.it.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tokenwarden.it.Deployments;
import java.net.HttpURLConnection;
import java.net.URI;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The disabled mode on the real server: inside the server, the test turns the emulator off through
 * a system property (MicroProfile Config reads it on every request) and every emulator path answers
 * 404; turned back on, they answer again.
 */
@ExtendWith(ArquillianExtension.class)
class EmulatorDisabledIT {

  private static final String SWITCH = "tokenwarden.emulator.enabled";

  @Deployment
  static WebArchive deployment() {
    return Deployments.application();
  }

  /** Off means 404 on the page, the token endpoint, the API and the control API. */
  @Test
  void everyEmulatorPathAnswers404WhenDisabled() throws Exception {
    String base = System.getProperty("tokenwarden.public-url") + "/emulator";
    try {
      System.setProperty(SWITCH, "false");
      assertEquals(404, status("GET", base + "/v2/approve_app?client_id=x"));
      assertEquals(404, status("POST", base + "/v2/token_endpoint"));
      assertEquals(404, status("GET", base + "/v2/company"));
      assertEquals(404, status("POST", base + "/control/reset"));
    } finally {
      System.clearProperty(SWITCH);
    }
    assertEquals(400, status("GET", base + "/v2/approve_app?client_id=x"));
  }

  /**
   * HttpURLConnection with "Connection: close": a java.net.http client created inside the server
   * would keep an HTTP/2 connection to the server open and stall its shutdown.
   */
  private static int status(String method, String url) throws Exception {
    HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
    try {
      connection.setRequestMethod(method);
      connection.setRequestProperty("Connection", "close");
      connection.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
      if ("POST".equals(method)) {
        connection.setDoOutput(true);
        connection.getOutputStream().close();
      }
      return connection.getResponseCode();
    } finally {
      connection.disconnect();
    }
  }
}
