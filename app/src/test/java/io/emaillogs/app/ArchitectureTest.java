package io.emaillogs.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The module boundaries of DEVELOPERS.md, checked on the production classes of every module (this
 * module sees them all). {@code failOnEmptyShould} stays on (archunit.properties), so a mistyped
 * package fails instead of passing.
 */
@AnalyzeClasses(
    packages = "io.emaillogs",
    importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.NoTestJars.class})
class ArchitectureTest {

  private static final String DOMAIN = "io.emaillogs.domain..";
  private static final String APPLICATION = "io.emaillogs.application..";
  private static final String ADAPTERS = "io.emaillogs.adapter..";
  private static final String APP = "io.emaillogs.app..";

  private static final String[] FRAMEWORKS = {
    "jakarta..",
    "javax.ws..",
    "org.glassfish..",
    "org.jdbi..",
    "java.sql..",
    "javax.sql..",
    "org.h2..",
    "org.postgresql..",
    "com.zaxxer..",
    "org.flywaydb..",
    "com.fasterxml..",
    "io.github.bucket4j..",
    "picocli..",
    "org.slf4j..",
    "ch.qos.logback..",
    "io.micrometer..",
    "io.prometheus.."
  };

  /** Leaves out test-jars (the store contract suite), which DoNotIncludeTests does not see. */
  static final class NoTestJars implements ImportOption {
    @Override
    public boolean includes(Location location) {
      return !location.contains("-tests.jar") && !location.contains("/test-classes/");
    }
  }

  @ArchTest
  static final ArchRule domain_depends_on_nothing_but_itself_and_java =
      classes()
          .that()
          .resideInAPackage(DOMAIN)
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(DOMAIN, "java..")
          .because(
              "the domain is pure Java: every rule a customer meets is decided without a framework");

  @ArchTest
  static final ArchRule application_depends_only_on_the_domain_and_java =
      classes()
          .that()
          .resideInAPackage(APPLICATION)
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(APPLICATION, DOMAIN, "java..")
          .because("use cases speak to the outside only through their ports");

  @ArchTest
  static final ArchRule domain_and_application_use_no_framework_types =
      noClasses()
          .that()
          .resideInAnyPackage(DOMAIN, APPLICATION)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(FRAMEWORKS)
          .because("no JAX-RS, Jersey, Jdbi, JDBC driver or Jackson type crosses a port");

  @ArchTest
  static final ArchRule no_adapter_depends_on_another_adapter =
      slices()
          .matching("io.emaillogs.adapter.(*)..")
          .should()
          .notDependOnEachOther()
          .because("only the app module wires adapters together");

  @ArchTest
  static final ArchRule adapters_do_not_depend_on_the_app =
      noClasses()
          .that()
          .resideInAPackage(ADAPTERS)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(APP);

  @ArchTest
  static final ArchRule the_core_depends_on_no_adapter_or_app =
      noClasses()
          .that()
          .resideInAnyPackage(DOMAIN, APPLICATION)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(ADAPTERS, APP);

  @ArchTest
  static final ArchRule each_adapter_lives_in_its_own_package =
      classes()
          .that()
          .resideInAPackage(ADAPTERS)
          .should()
          .resideInAnyPackage(
              "io.emaillogs.adapter.inmemory..",
              "io.emaillogs.adapter.jdbi..",
              "io.emaillogs.adapter.jersey..");
}
