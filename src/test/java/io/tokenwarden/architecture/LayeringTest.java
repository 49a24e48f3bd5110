package io.tokenwarden.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The folder layout is the architecture; these rules keep it true as the code grows. */
class LayeringTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importProductionClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.tokenwarden");
  }

  /** The domain knows nothing of use cases, adapters or the emulator. */
  @Test
  void domainDependsOnNoOuterLayer() {
    noClasses()
        .that()
        .resideInAPackage("io.tokenwarden.domain..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.tokenwarden.application..",
            "io.tokenwarden.infrastructure..",
            "io.tokenwarden.interfaces..",
            "io.tokenwarden.emulator..")
        .check(classes);
  }

  /** The emulator stands in for FreeAgent, so it shares no code with Token Warden itself. */
  @Test
  void emulatorIsIndependentOfTheApplication() {
    noClasses()
        .that()
        .resideInAPackage("io.tokenwarden.emulator..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.tokenwarden.domain..",
            "io.tokenwarden.application..",
            "io.tokenwarden.infrastructure..",
            "io.tokenwarden.interfaces..")
        .check(classes);
    noClasses()
        .that()
        .resideOutsideOfPackage("io.tokenwarden.emulator..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.tokenwarden.emulator..")
        .check(classes);
  }

  /** Adapters call use cases; use cases never reach back into an adapter. */
  @Test
  void applicationDoesNotDependOnInterfaces() {
    noClasses()
        .that()
        .resideInAPackage("io.tokenwarden.application..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.tokenwarden.interfaces..")
        // The application package does not exist yet; the rule must not fail for that.
        .allowEmptyShould(true)
        .check(classes);
  }
}
