package dev.printernizer.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.printernizer.time.EngineClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering rules of the core, as tests. */
class ArchitectureTest {
  private static JavaClasses core;

  @BeforeAll
  static void importCore() {
    core = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.printernizer");
  }

  @Test
  void coreKnowsNoDriverOrStoreImplementation() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage(
        "dev.printernizer.driver..", "dev.printernizer.jdbc..", "dev.printernizer.testkit..",
        "dev.printernizer.examples..", "com.hivemq..", "okhttp3..", "java.sql..",
        "com.fasterxml..")
        .check(core);
  }

  @Test
  void coreDependsOnlyOnJdkSlf4jCaffeineAndJSpecify() {
    classes().should().onlyDependOnClassesThat().resideInAnyPackage(
        "dev.printernizer..", "java..", "javax.annotation..", "org.slf4j..",
        "com.github.benmanes.caffeine..", "org.jspecify.annotations..")
        .check(core);
  }

  @Test
  void noPackageCycles() {
    slices().matching("dev.printernizer.(**)").should().beFreeOfCycles().check(core);
  }

  @Test
  void engineNeverReadsTheSystemClock() {
    noClasses().that().doNotHaveFullyQualifiedName("dev.printernizer.time.SystemClock")
        .should().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(System.class, "nanoTime")
        .orShould().callMethod(java.time.Instant.class, "now")
        .orShould().callMethod(java.time.LocalDateTime.class, "now")
        .orShould().callMethod(java.time.Clock.class, "systemUTC")
        .orShould().callMethod(java.time.Clock.class, "systemDefaultZone")
        .check(core);
  }
  @Test
  void onlyTheClockPackageHandsOutTheSystemClock() {
    noClasses().that().resideOutsideOfPackage("dev.printernizer.time")
        .should().callMethod(EngineClock.class, "system")
        .check(core);
  }


  @Test
  void apiAndSpiDoNotDependOnTheEngine() {
    noClasses().that().resideInAnyPackage("dev.printernizer.api..", "dev.printernizer.spi..",
        "dev.printernizer.time..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.printernizer.internal.engine..",
            "dev.printernizer.internal.discovery..")
        .check(core);
  }

  @Test
  void internalsAreNotUsedByPublicApiSignatures() {
    noClasses().that().resideOutsideOfPackages("dev.printernizer.internal..")
        .and().resideOutsideOfPackage("dev.printernizer")
        .should().dependOnClassesThat().resideInAPackage("dev.printernizer.internal.engine..")
        .check(core);
  }

  @Test
  void noSystemOutAndLoggersArePrivateStaticFinal() {
    noClasses().should().accessField(System.class, "out")
        .orShould().accessField(System.class, "err").check(core);
    com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields()
        .that().haveRawType(org.slf4j.Logger.class)
        .should().haveModifier(JavaModifier.PRIVATE)
        .andShould().haveModifier(JavaModifier.STATIC)
        .andShould().haveModifier(JavaModifier.FINAL)
        .check(core);
  }

  @Test
  void publicApiClassesAreFinalOrInterfaces() {
    classes().that().resideInAnyPackage("dev.printernizer", "dev.printernizer.api",
        "dev.printernizer.store", "dev.printernizer.notify")
        .and().arePublic().and().areNotInterfaces().and().areNotEnums().and().areNotRecords()
        .should().haveModifier(JavaModifier.FINAL)
        .check(core);
  }
}
