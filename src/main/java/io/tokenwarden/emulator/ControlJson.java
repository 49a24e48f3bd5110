package io.tokenwarden.emulator;

import static io.tokenwarden.emulator.EmulatorJsonp.JSON;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Map;

/** The control API's JSON for users, companies and counters. */
final class ControlJson {

  private ControlJson() {}

  static JsonObject user(SandboxUser user) {
    return JSON.createObjectBuilder()
        .add("id", user.id())
        .add("email", user.email())
        .add("firstName", user.firstName())
        .add("lastName", user.lastName())
        .add("role", user.role())
        .add("permissionLevel", user.permissionLevel())
        .add("company", company(user.company()))
        .build();
  }

  static JsonObject company(SandboxCompany company) {
    return JSON.createObjectBuilder()
        .add("id", company.id())
        .add("name", company.name())
        .add("subdomain", company.subdomain())
        .add("type", company.type())
        .add("currency", company.currency())
        .build();
  }

  static JsonObject counters(Map<Counter, Long> values, int liveGrants) {
    JsonObjectBuilder json = JSON.createObjectBuilder();
    values.forEach((counter, value) -> json.add(counter.jsonName(), value));
    return json.add("liveGrants", liveGrants).build();
  }

  static String error(String message) {
    return JSON.createObjectBuilder().add("error", message).build().toString();
  }
}
