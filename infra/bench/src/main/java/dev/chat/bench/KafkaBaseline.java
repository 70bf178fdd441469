package dev.chat.bench;

import dev.chat.contracts.ChatJson;
import dev.chat.contracts.CloudEventCodec;
import dev.chat.contracts.MessageSent;
import dev.chat.contracts.MessageType;
import dev.chat.contracts.Topics;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Raw Kafka on the same broker, as the yardstick for the platform: records of the size of a
 * {@code chat.message.sent.v1} event (same headers, same value length) produced with acks=all and
 * consumed by a plain consumer, on a topic with as many partitions as the platform's event topic. First as fast as possible (the broker's produce→consume ceiling on this
 * machine), then open-model at the offered rate for produce→consume latency.
 */
final class KafkaBaseline {

    /** Partitions when the platform's event topic is not there to copy. */
    private static final int DEFAULT_PARTITIONS = 12;
    private static final int THROUGHPUT_RECORDS = 300_000;

    /**
     * @param recordBytes   value bytes of each record (headers as on the event topic come on top)
     * @param maxRate       records per second produced and consumed when sent as fast as possible
     * @param rate          the offered rate of the latency run
     * @param latency       produce→consume latency at that rate, from the scheduled send time
     * @param cpu           platform CPU during the latency run (the broker lives in the launcher)
     */
    record Result(String mode, int recordBytes, int partitions, double maxRate, int rate, double consumedRate,
            Latencies.Summary latency, ProcessCpu.Usage cpu, Double cpuMsPerRecord) {

        String json() {
            return ChatJson.mapper().writeValueAsString(this);
        }

        String text() {
            return """
                    raw Kafka on the same broker: %d-byte records (+ CloudEvents headers), %d partitions, acks=all
                      max       %.0f records/s produced and consumed
                      at %d/s   consumed %.0f/s   produce→consume %s
                      cpu       %s
                    """.formatted(recordBytes, partitions, maxRate, rate, consumedRate, latency.text(),
                    cpu == null ? "platform processes not found"
                            : "%.3f ms per record over the platform processes".formatted(cpuMsPerRecord));
        }
    }

    private final BenchOptions options;
    private final ProcessCpu cpu;
    private int partitions = DEFAULT_PARTITIONS;
    private String topic;

    KafkaBaseline(BenchOptions options, ProcessCpu cpu) {
        this.options = options;
        this.cpu = cpu;
    }

    Result execute() throws Exception {
        ensureTopic();
        ProducerRecord<String, byte[]> sample = sampleEvent();
        int recordBytes = sample.value().length;
        double maxRate = throughput(sample);
        return latency(sample, recordBytes, maxRate);
    }

    /** A record shaped like a real message event with the benchmark's content length. */
    private ProducerRecord<String, byte[]> sampleEvent() {
        String content = "x".repeat(options.contentBytes());
        MessageSent sent = new MessageSent("6b0557bd4870dddd14478dd6", "dm.bench-sender.bench-receiver", 42,
                "bench-sender", List.of("bench-receiver", "bench-sender"), "bench-client-message-id-0001", content,
                MessageType.TEXT, List.of(), Instant.now());
        ProducerRecord<String, byte[]> event = new CloudEventCodec("/bench").event(sent);
        return new ProducerRecord<>(topic, null, event.key(), event.value(), event.headers());
    }

    private void ensureTopic() throws Exception {
        try (AdminClient admin = AdminClient.create(Map.of("bootstrap.servers", options.kafka()))) {
            Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            if (topics.contains(Topics.EVENTS.name())) {
                partitions = admin.describeTopics(List.of(Topics.EVENTS.name())).allTopicNames().get(30, TimeUnit.SECONDS)
                        .get(Topics.EVENTS.name()).partitions().size();
            }
            topic = "bench.kafka-" + partitions + ".v1";
            if (!topics.contains(topic)) {
                admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)
                        .configs(Map.of("retention.ms", "600000")))).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private KafkaProducer<String, byte[]> producer(int lingerMs) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.kafka(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, lingerMs), new StringSerializer(), new ByteArraySerializer());
    }

    private KafkaConsumer<String, byte[]> consumerAtEnd() {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.kafka(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000), new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    /** Produces as fast as the producer allows (linger 5 ms, the producer's default) until all are consumed. */
    private double throughput(ProducerRecord<String, byte[]> sample) throws InterruptedException {
        AtomicLong consumed = new AtomicLong();
        try (KafkaConsumer<String, byte[]> consumer = consumerAtEnd();
                KafkaProducer<String, byte[]> producer = producer(5)) {
            Thread reader = new Thread(() -> {
                while (consumed.get() < THROUGHPUT_RECORDS) {
                    consumed.addAndGet(consumer.poll(Duration.ofMillis(100)).count());
                }
            }, "bench-kafka-reader");
            long start = System.nanoTime();
            reader.start();
            for (int i = 0; i < THROUGHPUT_RECORDS; i++) {
                producer.send(new ProducerRecord<>(topic, null, "k" + (i % 1000), sample.value(), sample.headers()));
            }
            producer.flush();
            reader.join(TimeUnit.MINUTES.toMillis(5));
            return THROUGHPUT_RECORDS / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** Open model at the offered rate: each record carries its due time; latency is arrival minus due time. */
    private Result latency(ProducerRecord<String, byte[]> sample, int recordBytes, double maxRate)
            throws InterruptedException {
        int rate = options.rate();
        int warmup = (int) (options.warmup().toMillis() * rate / 1000);
        int total = warmup + (int) (options.duration().toMillis() * rate / 1000);
        Latencies latencies = new Latencies();
        AtomicLong consumed = new AtomicLong();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        long windowStart = start + options.warmup().toNanos();
        long windowEnd = windowStart + options.duration().toNanos();
        AtomicLong inWindow = new AtomicLong();
        try (KafkaConsumer<String, byte[]> consumer = consumerAtEnd();
                KafkaProducer<String, byte[]> producer = producer(0)) {
            Thread reader = new Thread(() -> {
                while (consumed.get() < total && System.nanoTime() < windowEnd + options.drain().toNanos()) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        long arrived = System.nanoTime();
                        long k = ByteBuffer.wrap(record.value()).getLong();
                        consumed.incrementAndGet();
                        if (k >= warmup) {
                            latencies.record(start + Math.round(k * 1e9 / rate), arrived);
                            if (arrived < windowEnd) {
                                inWindow.incrementAndGet();
                            }
                        }
                    }
                }
            }, "bench-kafka-reader");
            reader.start();
            ProcessCpu.Snapshot before = null;
            for (int k = 0; k < total; k++) {
                if (k == warmup) {
                    before = cpu.snapshot();
                }
                long due = start + Math.round(k * 1e9 / rate);
                long now;
                while ((now = System.nanoTime()) < due) {
                    LockSupport.parkNanos(due - now);
                }
                byte[] value = sample.value().clone();
                ByteBuffer.wrap(value).putLong(k);
                producer.send(new ProducerRecord<>(topic, null, "k" + (k % 1000), value, sample.headers()));
            }
            while (System.nanoTime() < windowEnd) {
                LockSupport.parkNanos(windowEnd - System.nanoTime());
            }
            ProcessCpu.Usage usage = before == null ? null : ProcessCpu.between(before, cpu.snapshot());
            reader.join(options.drain().toMillis() + 5000);
            long windowRecords = (long) (options.duration().toMillis() * rate / 1000);
            return new Result("kafka", recordBytes, partitions, maxRate, rate,
                    inWindow.get() / (options.duration().toMillis() / 1000.0), latencies.summary(),
                    cpu.found() ? usage : null, cpu.found() && usage != null ? usage.msPerMessage(windowRecords) : null);
        }
    }
}
