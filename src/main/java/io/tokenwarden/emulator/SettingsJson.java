package io.tokenwarden.emulator;

import static io.tokenwarden.emulator.EmulatorJsonp.JSON;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The control API's JSON form of {@link EmulatorSettings}. A configure request names only what it
 * changes; the rest stays as it is. Unknown keys are refused, so a typo cannot silently leave a
 * test running with the defaults.
 */
final class SettingsJson {

  private static final Set<String> KEYS =
      Set.of(
          "codeLifetimeSeconds",
          "accessTokenLifetimeSeconds",
          "refreshTokenLifetimeSeconds",
          "rotationMode",
          "graceSeconds",
          "refreshLimitPerMinute",
          "apiLimitPerMinute",
          "apiLimitPerHour",
          "globalRefreshLimit",
          "omitRefreshTokenExpiresIn",
          "omitRefreshTokenOnRefresh",
          "maxHangSeconds",
          "faults");

  private SettingsJson() {}

  static JsonObject toJson(EmulatorSettings s) {
    JsonArrayBuilder faults = JSON.createArrayBuilder();
    for (FaultRule rule : s.faults()) {
      JsonObjectBuilder fault =
          JSON.createObjectBuilder()
              .add("kind", rule.kind().name())
              .add("scope", rule.scope().name())
              .add("probability", rule.probability())
              .add("minMillis", rule.minMillis())
              .add("maxMillis", rule.maxMillis());
      addOrNull(fault, "userId", rule.userId());
      addOrNull(fault, "times", rule.times() == null ? null : rule.times().longValue());
      addOrNull(fault, "remaining", rule.remaining() == null ? null : rule.remaining().longValue());
      faults.add(fault);
    }
    return JSON.createObjectBuilder()
        .add("codeLifetimeSeconds", s.codeLifetimeSeconds())
        .add("accessTokenLifetimeSeconds", s.accessTokenLifetimeSeconds())
        .add("refreshTokenLifetimeSeconds", s.refreshTokenLifetimeSeconds())
        .add("rotationMode", s.rotationMode().name())
        .add("graceSeconds", s.graceSeconds())
        .add("refreshLimitPerMinute", s.refreshLimitPerMinute())
        .add("apiLimitPerMinute", s.apiLimitPerMinute())
        .add("apiLimitPerHour", s.apiLimitPerHour())
        .add("globalRefreshLimit", s.globalRefreshLimit())
        .add("omitRefreshTokenExpiresIn", s.omitRefreshTokenExpiresIn())
        .add("omitRefreshTokenOnRefresh", s.omitRefreshTokenOnRefresh())
        .add("maxHangSeconds", s.maxHangMillis() / 1000)
        .add("faults", faults)
        .build();
  }

  /** The current settings with the request's changes applied. */
  static EmulatorSettings merge(EmulatorSettings s, JsonObject changes) {
    for (String key : changes.keySet()) {
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException("unknown setting: " + key);
      }
    }
    long maxHangMillis = number(changes, "maxHangSeconds", s.maxHangMillis() / 1000) * 1000;
    return new EmulatorSettings(
        number(changes, "codeLifetimeSeconds", s.codeLifetimeSeconds()),
        number(changes, "accessTokenLifetimeSeconds", s.accessTokenLifetimeSeconds()),
        number(changes, "refreshTokenLifetimeSeconds", s.refreshTokenLifetimeSeconds()),
        changes.containsKey("rotationMode")
            ? RotationMode.valueOf(changes.getString("rotationMode"))
            : s.rotationMode(),
        number(changes, "graceSeconds", s.graceSeconds()),
        (int) number(changes, "refreshLimitPerMinute", s.refreshLimitPerMinute()),
        (int) number(changes, "apiLimitPerMinute", s.apiLimitPerMinute()),
        (int) number(changes, "apiLimitPerHour", s.apiLimitPerHour()),
        changes.getBoolean("globalRefreshLimit", s.globalRefreshLimit()),
        changes.getBoolean("omitRefreshTokenExpiresIn", s.omitRefreshTokenExpiresIn()),
        changes.getBoolean("omitRefreshTokenOnRefresh", s.omitRefreshTokenOnRefresh()),
        maxHangMillis,
        changes.containsKey("faults")
            ? faults(changes.getJsonArray("faults"), maxHangMillis)
            : s.faults());
  }

  private static List<FaultRule> faults(JsonArray array, long maxHangMillis) {
    List<FaultRule> rules = new ArrayList<>();
    for (JsonValue value : array) {
      JsonObject rule = value.asJsonObject();
      FaultKind kind = FaultKind.valueOf(rule.getString("kind"));
      FaultScope defaultScope =
          kind == FaultKind.LOST_AFTER_ROTATION ? FaultScope.TOKEN_ENDPOINT : FaultScope.ANY;
      long defaultMax = kind == FaultKind.HANG ? maxHangMillis : 0;
      long max = number(rule, "maxMillis", number(rule, "minMillis", defaultMax));
      long min = number(rule, "minMillis", kind == FaultKind.HANG ? max : 0);
      rules.add(
          new FaultRule(
              kind,
              rule.containsKey("scope")
                  ? FaultScope.valueOf(rule.getString("scope"))
                  : defaultScope,
              rule.containsKey("probability")
                  ? rule.getJsonNumber("probability").doubleValue()
                  : 1.0,
              optionalNumber(rule, "userId"),
              min,
              max,
              rule.containsKey("times") && !rule.isNull("times") ? rule.getInt("times") : null));
    }
    return rules;
  }

  private static long number(JsonObject json, String key, long fallback) {
    if (!json.containsKey(key) || json.isNull(key)) {
      return fallback;
    }
    return json.getJsonNumber(key).longValueExact();
  }

  private static Long optionalNumber(JsonObject json, String key) {
    if (!json.containsKey(key) || json.isNull(key)) {
      return null;
    }
    JsonNumber number = json.getJsonNumber(key);
    return number.longValueExact();
  }

  private static void addOrNull(JsonObjectBuilder builder, String key, Long value) {
    if (value == null) {
      builder.addNull(key);
    } else {
      builder.add(key, value);
    }
  }
}
