package dev.chat.message.messaging;

import dev.chat.contracts.ChatCommand;
import org.springframework.boot.test.context.TestComponent;

/** Reaches into the package to simulate a crash between the Mongo write and the Kafka commit. */
@TestComponent
public class TestHooks {

    private final CommandHandler handler;

    TestHooks(CommandHandler handler) {
        this.handler = handler;
    }

    public void decideWithoutPublishing(ChatCommand command) {
        handler.handle(command);
    }
}
