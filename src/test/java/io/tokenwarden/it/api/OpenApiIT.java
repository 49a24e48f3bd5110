package io.tokenwarden.it.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenwarden.interfaces.api.ApiApplication;
import io.tokenwarden.it.Deployments;
import io.tokenwarden.it.ItSettings;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.StringReader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The served OpenAPI document describes exactly the API: every resource method of {@link
 * ApiApplication} appears under its path and verb, nothing of the emulator does, and the UI loads.
 * The document is written by hand (ADR 0050), so this is what keeps it from drifting.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OpenApiIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.application();
  }

  /**
   * HTTP/1.1: Java's client offers an h2c upgrade on plain HTTP by default, and Liberty's OpenAPI
   * UI never answers an upgraded request (the API's own resources do). Browsers never upgrade plain
   * HTTP, so this is what a person's browser gets.
   */
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** Each JAX-RS resource method of the API is documented with its path and HTTP method. */
  @Test
  void everyResourceMethodIsDocumented() throws Exception {
    JsonObject paths = document().getJsonObject("paths");

    List<String> operations = resourceOperations();
    assertThat(operations).as("resource methods found by reflection").hasSizeGreaterThan(5);
    for (String operation : operations) {
      String[] verbAndPath = operation.split(" ", 2);
      assertThat(paths.keySet()).as(operation).contains(verbAndPath[1]);
      assertThat(paths.getJsonObject(verbAndPath[1]).keySet())
          .as(operation)
          .contains(verbAndPath[0]);
    }
    assertThat(paths.keySet()).allMatch(path -> path.startsWith("/api/v1/"));
  }

  /** Every operation says how it is secured and what its errors look like. */
  @Test
  void operationsCarryBearerSecurityAndProblemResponses() throws Exception {
    JsonObject document = document();

    assertThat(document.getJsonObject("components").getJsonObject("securitySchemes").keySet())
        .containsExactly("apiKey");
    JsonObject paths = document.getJsonObject("paths");
    for (String path : paths.keySet()) {
      for (String verb : paths.getJsonObject(path).keySet()) {
        JsonObject responses =
            paths.getJsonObject(path).getJsonObject(verb).getJsonObject("responses");
        assertThat(responses.keySet()).as(verb + " " + path).contains("401", "403", "503");
      }
    }
  }

  /** An operator or a developer can read the API in a browser. */
  @Test
  void uiIsReachable() throws Exception {
    HttpResponse<String> ui = get("/openapi/ui/", "text/html");

    assertThat(ui.statusCode()).isEqualTo(200);
    assertThat(ui.body()).containsIgnoringCase("<html");
  }

  private JsonObject document() throws Exception {
    HttpResponse<String> response = get("/openapi?format=JSON", "application/json");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Json.createReader(new StringReader(response.body())).readObject();
  }

  /** "get /api/v1/tenants/{slug}" for each resource method the API application registers. */
  private static List<String> resourceOperations() {
    String root = "/api";
    List<String> operations = new ArrayList<>();
    for (Class<?> type : new ApiApplication().getClasses()) {
      Path classPath = type.getAnnotation(Path.class);
      if (classPath == null) {
        continue;
      }
      for (Method method : type.getMethods()) {
        String verb = httpMethod(method);
        if (verb != null) {
          Path methodPath = method.getAnnotation(Path.class);
          String path =
              join(root, join(classPath.value(), methodPath == null ? "" : methodPath.value()));
          operations.add(verb.toLowerCase(Locale.ROOT) + " " + path);
        }
      }
    }
    return operations;
  }

  private static String httpMethod(Method method) {
    for (Annotation annotation : method.getAnnotations()) {
      HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
      if (verb != null) {
        return verb.value();
      }
    }
    return null;
  }

  private static String join(String left, String right) {
    String a = left.endsWith("/") ? left.substring(0, left.length() - 1) : left;
    if (right.isEmpty()) {
      return a;
    }
    return a + (right.startsWith("/") ? right : "/" + right);
  }

  private HttpResponse<String> get(String path, String accept) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(ItSettings.baseUrl() + path))
            .header("Accept", accept)
            .timeout(Duration.ofSeconds(30))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
