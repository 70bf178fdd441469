package dev.chat.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

/** The gateway's shape, kept by rules rather than by review. */
class ArchitectureTest {

    private static final JavaClasses GATEWAY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.chat.gateway");

    @Test
    void decisionsAndTrackersArePlainJava() {
        noClasses().that().haveSimpleName("TypingTracker").or().haveSimpleName("ResumePlan")
                .or().haveSimpleName("Cursor").or().haveSimpleName("Addressee")
                .or().haveSimpleName("CommandResult").or().haveSimpleName("Refusal")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                        "com.mongodb..", "org.bson..", "reactor..")
                .check(GATEWAY);
    }

    /**
     * Reads go one way: controllers reach the read models (and the gateway's own collections) only through the
     * components that own them — {@code ConversationReads}, {@code HistoryPages}, the use cases —, never the
     * database or the read models' collection names.
     */
    @Test
    void controllersReachStoredDataOnlyThroughItsOwners() {
        noClasses().that().areAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.data.mongodb..",
                        "com.mongodb..", "org.bson..")
                .orShould().dependOnClassesThat().haveSimpleName("ReadModels")
                .check(GATEWAY);
    }

    /**
     * One socket core: a socket protocol decodes its wire into a {@code SocketDispatcher} call and encodes the
     * answer; only the dispatcher reaches the use cases, so no socket endpoint maps an action of its own.
     */
    @Test
    void socketEndpointsReachActionsOnlyThroughTheDispatcher() {
        noClasses().that().resideInAPackage("dev.chat.gateway.realtime").and().haveSimpleNameEndingWith("Endpoint")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("UseCase")
                .orShould().dependOnClassesThat().haveSimpleName("MessageActions")
                .orShould().dependOnClassesThat().haveSimpleName("GroupActions")
                .orShould().dependOnClassesThat().haveSimpleName("TypingRelay")
                .orShould().dependOnClassesThat().haveSimpleName("PresenceBoard")
                .orShould().dependOnClassesThat().haveSimpleName("CommandResult")
                .check(GATEWAY);
    }

    /** The command kernel every feature publishes through knows none of them: only the web and wire shapes. */
    @Test
    void theCommandKernelDependsOnNoFeature() {
        noClasses().that().resideInAPackage("dev.chat.gateway.commands")
                .should().dependOnClassesThat().resideInAnyPackage("dev.chat.gateway.messaging..",
                        "dev.chat.gateway.groups..", "dev.chat.gateway.users..", "dev.chat.gateway.blocking..",
                        "dev.chat.gateway.attachments..", "dev.chat.gateway.realtime..", "dev.chat.gateway.conversations..",
                        "dev.chat.gateway.notifications..", "dev.chat.gateway.receipts..")
                .check(GATEWAY);
    }

    @Test
    void featurePackagesDoNotDependOnEachOtherInCircles() {
        slices().matching("dev.chat.gateway.(*)..").should().beFreeOfCycles().check(GATEWAY);
    }

    @Test
    void protocolAdaptersDoNotDependOnEachOther() {
        DescribedPredicate<JavaClass> adapters = new DescribedPredicate<>("protocol adapters") {
            @Override
            public boolean test(JavaClass type) {
                return type.getPackageName().startsWith("dev.chat.gateway")
                        && (type.getSimpleName().endsWith("Endpoint") || type.getSimpleName().endsWith("Controller"));
            }
        };
        for (JavaClass adapter : GATEWAY.that(adapters)) {
            noClasses().that().belongToAnyOf(adapter.reflect())
                    .should().dependOnClassesThat(adapters.and(new DescribedPredicate<>("other than itself") {
                        @Override
                        public boolean test(JavaClass other) {
                            return !other.getName().startsWith(adapter.getName());
                        }
                    }))
                    .check(GATEWAY);
        }
    }

    @Test
    void classesArePackagePrivateUnlessAnotherPackageUsesThem() {
        classes().that().arePublic().and().areTopLevelClasses()
                .and().doNotHaveSimpleName("GatewayServiceApplication")
                .should(new ArchCondition<>("be used from another package") {
                    @Override
                    public void check(JavaClass type, ConditionEvents events) {
                        // Used: the class itself or one of its nested types (a holder of records counts).
                        boolean usedOutside = GATEWAY.stream()
                                .filter(t -> t.equals(type) || t.getName().startsWith(type.getName() + "$"))
                                .flatMap(t -> t.getDirectDependenciesToSelf().stream())
                                .anyMatch(dependency -> !dependency.getOriginClass().getPackageName()
                                        .equals(type.getPackageName()));
                        if (!usedOutside) {
                            events.add(SimpleConditionEvent.violated(type, type.getName()
                                    + " is public but only its own package uses it: make it package-private"));
                        }
                    }
                })
                .check(GATEWAY);
    }
}
