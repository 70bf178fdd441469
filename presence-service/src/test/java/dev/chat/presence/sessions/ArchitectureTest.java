package dev.chat.presence.sessions;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Presence rules are plain code with time passed in; Kafka and Spring stay in the adapters. */
class ArchitectureTest {

    @Test
    void theTrackerIsPlainJava() {
        noClasses().that().belongToAnyOf(PresenceTracker.class)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                        "com.mongodb..", "reactor..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.chat.presence"));
    }
}
