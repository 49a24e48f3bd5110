package io.tokenwarden.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.ejb.Schedule;
import jakarta.ejb.Timeout;
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
        .allowEmptyShould(true)
        .check(classes);
    noClasses()
        .that()
        .resideOutsideOfPackage("io.tokenwarden.emulator..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.tokenwarden.emulator..")
        .check(classes);
  }

  /**
   * Infrastructure serves the use cases and never calls them: whoever starts work is an adapter.
   */
  @Test
  void infrastructureDoesNotDependOnApplication() {
    noClasses()
        .that()
        .resideInAPackage("io.tokenwarden.infrastructure..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.tokenwarden.application..")
        .check(classes);
  }

  /** Infrastructure is driven, never driving: it does not reach into an adapter either. */
  @Test
  void infrastructureDoesNotDependOnInterfaces() {
    noClasses()
        .that()
        .resideInAPackage("io.tokenwarden.infrastructure..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.tokenwarden.interfaces..")
        .check(classes);
  }

  /** A timer starts work like a request does, so every EJB timer callback is a driving adapter. */
  @Test
  void timerCallbacksLiveInTheInterfacesLayer() {
    methods()
        .that()
        .areAnnotatedWith(Timeout.class)
        .or()
        .areAnnotatedWith(Schedule.class)
        .should()
        .beDeclaredInClassesThat()
        .resideInAPackage("io.tokenwarden.interfaces.scheduling..")
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
        .allowEmptyShould(true)
        .check(classes);
  }

  /**
   * Fault-tolerance exceptions are the provider boundary's to classify ({@code ProviderFailure}):
   * use cases see one classification, never the library's types.
   */
  @Test
  void applicationDoesNotDependOnFaultTolerance() {
    noClasses()
        .that()
        .resideInAPackage("io.tokenwarden.application..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.eclipse.microprofile.faulttolerance..")
        .check(classes);
  }

  /**
   * JSON goes through one provider looked up once ({@code infrastructure.json.Jsonp}, the
   * emulator's own {@code EmulatorJsonp}): {@code jakarta.json.Json}'s static methods look the
   * provider up on every call, under class-loader locks (docs/BENCHMARKS.md, P3).
   */
  @Test
  void jsonGoesThroughTheProviderLookedUpOnce() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("jakarta.json.Json")
        .check(classes);
  }
}
