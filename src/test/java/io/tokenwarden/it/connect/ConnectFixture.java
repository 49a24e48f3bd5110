package io.tokenwarden.it.connect;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

/**
 * What the connect ITs set up and look at: tenants and links through the admin API, sandbox users
 * and behaviour through the emulator's control API, stored rows through {@link ConnectProbe}.
 */
final class ConnectFixture {

  private ConnectFixture() {}

  /** A tenant with a unique slug; returns the API's JSON for it. */
  static JsonObject newTenant(String prefix, String displayName) {
    String slug = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<String> created =
        ItHttp.adminPost(
            "/api/v1/tenants",
            "{\"slug\":\"" + slug + "\",\"displayName\":\"" + displayName + "\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return Json.parse(created.body());
  }

  /** Issues a link for the tenant; remembers its token as a secret. */
  static JsonObject issueLink(String slug) {
    HttpResponse<String> issued =
        ItHttp.adminPost("/api/v1/tenants/" + slug + "/onboarding-links", "");
    assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
    JsonObject link = Json.parse(issued.body());
    String url = link.getString("url");
    IssuedSecrets.remember(url.substring(url.lastIndexOf('/') + 1));
    return link;
  }

  static JsonObject tenant(String slug) {
    HttpResponse<String> response = ItHttp.adminGet("/api/v1/tenants/" + slug);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Json.parse(response.body());
  }

  /** The state ("usable", "used", ...) of the tenant's newest link. */
  static String newestLinkState(String slug) {
    HttpResponse<String> response =
        ItHttp.adminGet("/api/v1/tenants/" + slug + "/onboarding-links");
    assertThat(response.statusCode()).isEqualTo(200);
    return Json.parse(response.body()).getJsonArray("items").getJsonObject(0).getString("state");
  }

  /** A sandbox user who owns a company of the given name; returns the user's id. */
  static long newSandboxUser(String companyName) {
    String id = UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<String> created =
        ItHttp.emulator(
            "POST",
            "/users",
            "{\"email\":\"owner-"
                + id
                + "@sandbox.example\",\"firstName\":\"Owner\",\"lastName\":\""
                + id
                + "\",\"role\":\"Owner\",\"company\":{\"name\":\""
                + companyName
                + "\",\"subdomain\":\"co-"
                + id
                + "\"}}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return Json.parse(created.body()).getJsonNumber("id").longValue();
  }

  static void configureEmulator(String settingsJson) {
    HttpResponse<String> response = ItHttp.emulator("PUT", "/settings", settingsJson);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  static void resetEmulator() {
    assertThat(ItHttp.emulator("POST", "/reset", null).statusCode()).isEqualTo(200);
  }

  static void advanceEmulatorClock(long seconds) {
    HttpResponse<String> response =
        ItHttp.emulator("POST", "/clock", "{\"advanceSeconds\":" + seconds + "}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  /** The stored connection row (every column as the database holds it) plus decrypted tokens. */
  static JsonObject connection(String tenantId) {
    JsonObject probe = probe("/connection", tenantId);
    if (probe.containsKey("accessToken")) {
      IssuedSecrets.remember(probe.getString("accessToken"));
      IssuedSecrets.remember(probe.getString("refreshToken"));
    }
    return probe;
  }

  static JsonObject connectionRow(String tenantId) {
    JsonArray rows = connection(tenantId).getJsonArray("rows");
    assertThat(rows).hasSize(1);
    return rows.getJsonObject(0);
  }

  static JsonArray rows(String table, String tenantId) {
    return probe("/" + table, tenantId).getJsonArray("rows");
  }

  static void expireLinks(String tenantId) {
    HttpResponse<String> response =
        ItHttp.send(
            HttpRequest.newBuilder(
                    java.net.URI.create(ItHttp.url("/it-probe/expire-links?tenant=" + tenantId)))
                .POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(response.statusCode()).isEqualTo(200);
  }

  private static JsonObject probe(String path, String tenantId) {
    HttpResponse<String> response =
        ItHttp.send(
            HttpRequest.newBuilder(
                    java.net.URI.create(ItHttp.url("/it-probe" + path + "?tenant=" + tenantId)))
                .GET());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Json.parse(response.body());
  }
}
