package dev.chat.message.messaging;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The decision is pure: plain data in, decision out; Kafka Streams and Spring stay in the adapters. */
class ArchitectureTest {

    @Test
    void theDeciderAndItsDataArePlainJava() {
        noClasses().that().belongToAnyOf(ConversationDecider.class, ConversationState.class, Decision.class)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                        "org.rocksdb..", "com.mongodb..", "reactor..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.chat.message"));
    }
}
