package dev.chat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SoakRunTest {

    private static final String SCRAPE = """
            # HELP jvm_memory_used_bytes The amount of used memory
            jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.2E7
            jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 3.0E7
            jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 9.0E7
            kafka_consumer_fetch_manager_records_lag{client_id="a",partition="0",topic="chat.events.v1"} 3.0
            kafka_consumer_fetch_manager_records_lag{client_id="a",partition="1",topic="chat.events.v1"} NaN
            kafka_consumer_fetch_manager_records_lag_max{client_id="a"} 40.0
            chat_projection_lag_seconds 0.025
            """;

    @Test
    void readsHeapLagAndProjectionLagFromAPrometheusScrape() {
        assertThat(SoakRun.sum(SCRAPE, "jvm_memory_used_bytes", "area=\"heap\"")).isEqualTo(4.2E7);
        // Labelled samples of the per-partition lag only (not the _max series), NaN ignored.
        assertThat(SoakRun.max(SCRAPE, "kafka_consumer_fetch_manager_records_lag{")).isEqualTo(3.0);
        assertThat(SoakRun.max(SCRAPE, "chat_projection_lag_seconds")).isEqualTo(0.025);
        assertThat(SoakRun.max(SCRAPE, "no_such_metric")).isEqualTo(-1);
    }

    @Test
    void theSoakModeAndItsOptionsParse() {
        BenchOptions options = BenchOptions.parse("soak", "--rate", "500", "--duration", "30m", "--interval", "60s");
        assertThat(options.mode()).isEqualTo("soak");
        assertThat(options.duration().toMinutes()).isEqualTo(30);
        BenchOptions interval = options.forInterval(java.time.Duration.ofSeconds(5), options.interval());
        assertThat(interval.mode()).isEqualTo("load");
        assertThat(interval.duration().toSeconds()).isEqualTo(60);
        assertThat(interval.rate()).isEqualTo(500);
    }
}
