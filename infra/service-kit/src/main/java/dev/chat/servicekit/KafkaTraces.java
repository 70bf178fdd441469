package dev.chat.servicekit;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Carries a trace across the Kafka hops Spring's own instrumentation does not see — Kafka Streams, plain
 * consumers, batches: a span continues the trace whose W3C {@code traceparent} a record's headers carry,
 * and records written meanwhile carry this span's context on. So one trace runs from the gateway's send
 * through message-service's decision and projection-service's write to each delivery.
 *
 * <p>Only sampled traces get spans here: a record whose {@code traceparent} says "not sampled" (or that
 * has none) is processed without one, and what it leads to carries its {@code traceparent} on unchanged,
 * so the sampling decision made once at the gateway holds all the way and unsampled messages cost
 * nothing but a header copy.
 */
public final class KafkaTraces {

    /** Tracing off (or not on the classpath): no spans, headers untouched. */
    public static final KafkaTraces NOOP = new KafkaTraces(Tracer.NOOP, Propagator.NOOP);

    private static final Propagator.Getter<Headers> GETTER = (headers, key) -> {
        Header header = headers.lastHeader(key);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    };
    private static final String TRACEPARENT = "traceparent";
    private static final Propagator.Setter<Headers> SETTER = (headers, key, value) -> {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    };

    private final Tracer tracer;
    private final Propagator propagator;

    public KafkaTraces(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /**
     * Starts a span continuing the trace of {@code headers}, or returns null if that trace is not sampled
     * (or there is none). End it.
     */
    public Span start(String name, Headers headers) {
        if (!sampled(headers)) {
            return null;
        }
        return propagator.extract(headers, GETTER).name(name).kind(Span.Kind.CONSUMER).start();
    }

    /** Runs {@code work} in a span continuing the sampled trace of {@code headers}; the span is current meanwhile. */
    public <T> T inSpan(String name, Headers headers, Supplier<T> work) {
        return inSpan(start(name, headers), work);
    }

    /**
     * The {@code traceparent} of {@code headers} if its trace is sampled, else null: what to keep with work done
     * later (a notification sent minutes after its message) to continue the trace then with {@link #inSpan(String,
     * String, Supplier)}.
     */
    public static String sampledTraceparent(Headers headers) {
        String traceparent = GETTER.get(headers, TRACEPARENT);
        return sampled(traceparent) ? traceparent : null;
    }

    /**
     * Runs {@code work} in a span continuing a kept {@code traceparent} (see {@link #sampledTraceparent}); without one,
     * or if its trace is not sampled, without a span.
     */
    public <T> T inSpan(String name, String traceparent, Supplier<T> work) {
        if (!sampled(traceparent)) {
            return work.get();
        }
        Propagator.Getter<String> getter = (carrier, key) -> TRACEPARENT.equals(key) ? carrier : null;
        return inSpan(propagator.extract(traceparent, getter).name(name).kind(Span.Kind.CLIENT).start(), work);
    }

    private <T> T inSpan(Span span, Supplier<T> work) {
        if (span == null) {
            return work.get();
        }
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return work.get();
        } catch (RuntimeException e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }

    /**
     * Writes the current span's context into {@code outgoing}; without a current span, the
     * {@code traceparent} of {@code incoming} (the record being processed) as it is.
     */
    public void carryOn(Headers incoming, Headers outgoing) {
        Span current = tracer.currentSpan();
        if (current != null && !current.isNoop()) {
            propagator.inject(current.context(), outgoing, SETTER);
            return;
        }
        Header traceparent = incoming.lastHeader(TRACEPARENT);
        if (traceparent != null) {
            outgoing.remove(TRACEPARENT);
            outgoing.add(TRACEPARENT, traceparent.value());
        }
    }

    /** Writes {@code span}'s context into outgoing headers. */
    public void inject(Span span, Headers headers) {
        propagator.inject(span.context(), headers, SETTER);
    }

    /** Whether the W3C {@code traceparent} ({@code 00-<trace>-<span>-<flags>}) says the trace is sampled. */
    static boolean sampled(Headers headers) {
        return sampled(GETTER.get(headers, TRACEPARENT));
    }

    private static boolean sampled(String traceparent) {
        if (traceparent == null || traceparent.length() < 55) {
            return false;
        }
        int flags = Character.digit(traceparent.charAt(traceparent.length() - 1), 16);
        return flags >= 0 && (flags & 1) == 1;
    }
}
