package io.tokenwarden.application.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenwarden.application.admin.FirstAdminPlan.Action;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How the first administrator comes to be: configuration, emulator-mode generation, or nobody. */
class FirstAdminPlanTest {

  /** Configured user and password create that administrator in any mode. */
  @Test
  void configuredAdminIsCreated() {
    FirstAdminPlan plan =
        FirstAdminPlan.decide(false, Optional.of("ops"), Optional.of("a-long-password"), false);
    assertThat(plan.action()).isEqualTo(Action.CREATE_CONFIGURED);
    assertThat(plan.username()).isEqualTo("ops");
  }

  /** In emulator mode with nothing configured a random password is generated for "admin". */
  @Test
  void emulatorModeGeneratesOne() {
    FirstAdminPlan plan = FirstAdminPlan.decide(false, Optional.empty(), Optional.empty(), true);
    assertThat(plan.action()).isEqualTo(Action.CREATE_GENERATED);
    assertThat(plan.username()).isEqualTo("admin");
  }

  /** Outside emulator mode nothing is ever created without a configured password. */
  @Test
  void productionWithoutPasswordCreatesNobody() {
    assertThat(FirstAdminPlan.decide(false, Optional.of("ops"), Optional.empty(), false).action())
        .isEqualTo(Action.WARN_UNCONFIGURED);
    assertThat(FirstAdminPlan.decide(false, Optional.empty(), Optional.empty(), false).action())
        .isEqualTo(Action.WARN_UNCONFIGURED);
  }

  /** Once an administrator exists, configuration changes nothing (no password reset by restart). */
  @Test
  void existingAdminIsLeftAlone() {
    assertThat(
            FirstAdminPlan.decide(true, Optional.of("ops"), Optional.of("a-long-password"), true)
                .action())
        .isEqualTo(Action.NOTHING);
  }
}
