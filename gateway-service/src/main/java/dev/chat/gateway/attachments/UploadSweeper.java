package dev.chat.gateway.attachments;

import dev.chat.gateway.GatewayProperties;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Uploads no message carried within {@code CHAT_ATTACHMENT_UNATTACHED_TTL} are deleted, record and bytes, every
 * {@code CHAT_ATTACHMENT_SWEEP_INTERVAL}, a bounded batch at a time. Every gateway sweeps; the record's delete is
 * conditional (still unattached), so two sweeps, or a claim racing one, never lose a carried file.
 */
@Component
class UploadSweeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(UploadSweeper.class);
    static final int BATCH = 500;

    private final Uploads uploads;
    private final AttachmentStore store;
    private final Duration ttl;
    private final Duration interval;
    private volatile Disposable running;

    UploadSweeper(Uploads uploads, AttachmentStore store, GatewayProperties properties) {
        this.uploads = uploads;
        this.store = store;
        this.ttl = properties.attachments().unattachedTtl();
        this.interval = properties.attachments().sweepInterval();
    }

    /** Deletes one batch of expired uploads; how many. */
    Mono<Long> sweep() {
        return uploads.unattachedBefore(Instant.now().minus(ttl), BATCH)
                .concatMap(upload -> uploads.deleteUnattached(upload.id())
                        .filter(Boolean::booleanValue)
                        .flatMap(deleted -> Mono.fromCallable(() -> {
                            for (SignedLinks.Variant variant : SignedLinks.Variant.values()) {
                                store.delete(upload.key(variant));
                            }
                            return upload;
                        }).subscribeOn(Schedulers.boundedElastic())))
                .count();
    }

    @Override
    public void start() {
        running = Flux.interval(interval, interval)
                .concatMap(tick -> sweep().onErrorResume(e -> {
                    log.warn("Sweeping unattached uploads failed, next time again: {}", e.toString());
                    return Mono.just(0L);
                }))
                .filter(deleted -> deleted > 0)
                .subscribe(deleted -> log.info("Deleted {} uploads no message carried within {}", deleted, ttl));
    }

    @Override
    public void stop() {
        Disposable sweeping = running;
        if (sweeping != null) {
            sweeping.dispose();
        }
        running = null;
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }
}
