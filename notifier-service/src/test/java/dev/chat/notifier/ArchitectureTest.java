package dev.chat.notifier;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The rules are pure: plain data in, decisions out; Kafka, Mongo, mail and Spring stay in the adapters. The
 * features depend on the rules, never the other way round, and not on each other in a circle.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.chat.notifier");

    @Test
    void theRulesArePlainJava() {
        noClasses().that().resideInAPackage("dev.chat.notifier.rules..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                        "com.mongodb..", "org.bson..", "jakarta.mail..", "reactor..", "dev.chat.notifier.email..",
                        "dev.chat.notifier.pending..", "dev.chat.notifier.people..")
                .check(CLASSES);
    }

    @Test
    void noCyclesBetweenFeatures() {
        slices().matching("dev.chat.notifier.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
