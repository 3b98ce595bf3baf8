package io.emaillogs.client;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The client's boundary, checked on its production classes (the server modules are on this test
 * classpath, so a stray import would compile here): it ships with the JDK and Jackson only. The
 * Maven side of the same rule is the enforcer's bannedDependencies in this module's pom. {@code
 * failOnEmptyShould} stays on (archunit.properties).
 */
@AnalyzeClasses(
    packages = "io.emaillogs.client",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ClientArchitectureTest {

  @ArchTest
  static final ArchRule the_client_depends_only_on_java_jackson_and_itself =
      classes()
          .that()
          .resideInAPackage("io.emaillogs.client..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("io.emaillogs.client..", "java..", "com.fasterxml.jackson..")
          .because("the client is published alone: java.net.http and Jackson, no server module");

  @ArchTest
  static final ArchRule the_client_uses_no_server_module =
      noClasses()
          .that()
          .resideInAPackage("io.emaillogs.client..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.emaillogs.domain..",
              "io.emaillogs.application..",
              "io.emaillogs.adapter..",
              "io.emaillogs.app..");
}
