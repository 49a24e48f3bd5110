package io.tokenwarden.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import jakarta.json.Json;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class SettingsJsonTest {

  private static EmulatorSettings merge(String json) {
    return SettingsJson.merge(
        EmulatorSettings.freeAgentDefaults(),
        Json.createReader(new StringReader(json)).readObject());
  }

  /** A configure request changes what it names and nothing else. */
  @Test
  void mergeChangesOnlyNamedSettings() {
    EmulatorSettings changed = merge("{\"rotationMode\":\"GRACE\",\"graceSeconds\":5}");

    assertThat(changed.rotationMode()).isEqualTo(RotationMode.GRACE);
    assertThat(changed.graceSeconds()).isEqualTo(5);
    assertThat(changed.accessTokenLifetimeSeconds()).isEqualTo(3600);
  }

  /** Fault rules get sensible defaults: probability 1, scope ANY, hangs up to the maximum. */
  @Test
  void faultDefaults() {
    EmulatorSettings changed =
        merge(
            "{\"maxHangSeconds\":3,\"faults\":[{\"kind\":\"HANG\"},{\"kind\":\"LOST_AFTER_ROTATION\"}]}");

    FaultRule hang = changed.faults().get(0);
    assertThat(hang.probability()).isEqualTo(1.0);
    assertThat(hang.scope()).isEqualTo(FaultScope.ANY);
    assertThat(hang.maxMillis()).isEqualTo(3000);
    assertThat(changed.faults().get(1).scope()).isEqualTo(FaultScope.TOKEN_ENDPOINT);
    assertThat(SettingsJson.toJson(changed).getJsonArray("faults")).hasSize(2);
  }

  /** A typo is an error, not a silently ignored setting. */
  @Test
  void unknownKeysAreRefused() {
    assertThatIllegalArgumentException().isThrownBy(() -> merge("{\"rotaionMode\":\"NONE\"}"));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> merge("{\"accessTokenLifetimeSeconds\":0}"));
  }
}
