package dev.chat.gateway.messaging;

import dev.chat.contracts.Attachment;
import dev.chat.contracts.SendMessage;
import dev.chat.contracts.Text;
import dev.chat.gateway.commands.ActionBudgets;
import dev.chat.gateway.commands.CommandBus;
import dev.chat.gateway.commands.CommandResult;
import dev.chat.gateway.commands.Refusal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A user sends a direct message: rate limit, address, publish {@link SendMessage}, await message-service's
 * decision. Protocol-neutral: REST, WebSocket and RSocket only map the {@link CommandResult} to their wire. A
 * request without a clientMessageId is given one ({@link SendMessageRequest#identified()}).
 */
@Component
public class SendMessageUseCase {

    private final CommandBus commands;
    private final ActionBudgets budgets;
    private final MeterRegistry meters;
    /** The meters by outcome (and code), looked up once: a send should not build meter ids. */
    private final AttachmentClaims attachmentClaims;
    private final Map<String, Counter> sends = new ConcurrentHashMap<>();
    private final Map<String, Timer> acks = new ConcurrentHashMap<>();

    SendMessageUseCase(CommandBus commands, ActionBudgets budgets, AttachmentClaims attachmentClaims,
            MeterRegistry meters) {
        this.attachmentClaims = attachmentClaims;
        this.commands = commands;
        this.budgets = budgets;
        this.meters = meters;
    }

    public Mono<CommandResult> send(String senderId, SendMessageRequest request) {
        return send(senderId, request, clientMessageId -> { });
    }

    /**
     * @param beforePublishing told the message's clientMessageId just before the command is published, so a
     *                         session can expect its event
     */
    public Mono<CommandResult> send(String senderId, SendMessageRequest request, Consumer<String> beforePublishing) {
        long started = System.nanoTime();
        return decide(senderId, request, beforePublishing).doOnNext(outcome -> record(outcome, started));
    }

    /** {@code chat.sends} by outcome (and refusal code), and how long the answer took ({@code chat.send.ack}). */
    private void record(CommandResult outcome, long started) {
        String kind = outcome.fold(stored -> "stored", duplicate -> "duplicate", refused -> "refused",
                pending -> "pending");
        String code = outcome instanceof CommandResult.Refused refused
                ? refused.refusal().code().name().toLowerCase(Locale.ROOT) : "none";
        sends.computeIfAbsent(kind + "/" + code, key -> meters.counter("chat.sends", "outcome", kind, "code", code))
                .increment();
        acks.computeIfAbsent(kind, key -> Timer.builder("chat.send.ack").description("from a send's arrival to its answer")
                        .tag("outcome", kind).publishPercentileHistogram().register(meters))
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    private Mono<CommandResult> decide(String senderId, SendMessageRequest request, Consumer<String> beforePublishing) {
        String commandId = CommandBus.newCommandId();
        String clientMessageId = request.identified().clientMessageId();
        Optional<Refusal> overBudget = budgets.spend(ActionBudgets.Budget.SEND, senderId, 1);
        if (overBudget.isPresent()) {
            return Mono.just(CommandResult.refused(overBudget.get()));
        }
        Addressee addressee = Addressee.of(senderId, request.receiverId(), request.conversationId());
        if (!addressee.found()) {
            return Mono.just(CommandResult.refused(addressee.refusal()));
        }
        if (request.content() != null && !Text.isEncodable(request.content())) {
            return Mono.just(CommandResult.refused(Refusal.invalid(MessageActions.NOT_ENCODABLE)));
        }
        List<Attachment> given = request.attachments() == null ? List.of() : request.attachments();
        if (given.stream().noneMatch(attachment -> attachment != null && attachment.isUpload())) {
            return publish(commandId, senderId, addressee, clientMessageId, request, given, beforePublishing);
        }
        return attachmentClaims.claim(senderId, addressee.conversationId(), clientMessageId, given).flatMap(claimed -> {
            if (claimed.refusal() != null) {
                return Mono.just(CommandResult.refused(claimed.refusal()));
            }
            return publish(commandId, senderId, addressee, clientMessageId, request, claimed.attachments(),
                    beforePublishing)
                    .flatMap(outcome -> attachmentClaims.settle(senderId, clientMessageId, claimed.attachments(),
                            outcome).thenReturn(outcome));
        });
    }

    private Mono<CommandResult> publish(String commandId, String senderId, Addressee addressee, String clientMessageId,
            SendMessageRequest request, List<Attachment> attachments, Consumer<String> beforePublishing) {
        SendMessage command = new SendMessage(commandId, addressee.conversationId(), senderId, addressee.recipient(),
                clientMessageId, request.content(), request.type(), attachments, Instant.now(),
                blankToNull(request.replyTo()));
        beforePublishing.accept(clientMessageId);
        return commands.submit(command);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
