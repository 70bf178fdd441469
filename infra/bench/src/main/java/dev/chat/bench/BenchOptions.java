package dev.chat.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to measure and how, from {@code --name value} arguments. Every option has a default that runs
 * against the local platform.
 *
 * @param mode            {@code load} (one rate), {@code step} (find the highest sustainable rate) or {@code kafka}
 *                        (raw Kafka baseline on the same broker)
 * @param gateway         the gateway's base URL
 * @param protocol        how senders send and devices receive: {@code ws}, {@code rsocket} (over TCP) or {@code rest}
 *                        (sends by REST, deliveries over /ws)
 * @param rsocketPort     the gateway's RSocket TCP port (rsocket protocol)
 * @param pairs           sender/receiver pairs, each its own direct conversation
 * @param devices         connected devices per receiver; each must get every message
 * @param rate            offered messages per second, over all pairs (load and kafka modes)
 * @param steps           rates to try in order (step mode)
 * @param warmup          sending before measuring
 * @param warmupFrom      the warm-up's starting rate, rising linearly to {@code rate} (a cold JVM compiles
 *                        its hot paths on the way up instead of building a backlog); 0 for none
 * @param duration        the measured window
 * @param drain           how long to wait after the window for outstanding deliveries before counting losses
 * @param contentBytes    message content length
 * @param p99Bound        step mode: a step is sustainable only if delivery p99 stays at or under this
 * @param stepTries       step mode: how many times a step that is not sustainable is run before the series stops
 * @param jwtSecret       sign tokens with this HS256 secret instead of asking the gateway's /dev/token
 * @param kafka           bootstrap servers for the kafka mode
 * @param platformPid     the local platform launcher's pid for CPU accounting; 0 finds it by its jar name
 * @param json            also write each result as one JSON line to this file (stdout always gets it)
 * @param interval        soak mode: the length of each measured interval
 * @param metrics         soak mode: the other services' management ports, {@code name:port,...}
 */
record BenchOptions(
        String mode,
        URI gateway,
        String protocol,
        int rsocketPort,
        int pairs,
        int devices,
        int rate,
        List<Integer> steps,
        Duration warmup,
        int warmupFrom,
        Duration duration,
        Duration drain,
        int contentBytes,
        Duration p99Bound,
        int stepTries,
        String jwtSecret,
        String kafka,
        long platformPid,
        String json,
        Duration interval,
        String metrics,
        double offlineShare) {

    static final String USAGE = """
            usage: java -jar infra/bench/target/bench.jar [load|step|kafka|soak] [--option value ...]
                   (connections and storm: java -jar … connections --help)
              --gateway http://localhost:8080   gateway base URL
              --protocol ws|rsocket|rest|socketio|socketio-polling
                                    ws (default); rsocket over TCP; rest sends, /ws receives;
                                    socketio: Socket.IO over WebSocket; socketio-polling: over HTTP long-polling
              --rsocket-port 7000               gateway RSocket TCP port
              --pairs 200 --devices 1           sender/receiver pairs; devices per receiver
              --rate 1000                       offered messages/s (load, kafka)
              --steps 250,500,1000,1500,2000    rates to try (step)
              --warmup 15s --duration 30s       warm-up, then the measured window (ms, s, m)
              --warmup-from 100                 warm-up starts at this rate and rises to --rate (default: no ramp)
              --drain 30s                       wait for late deliveries before counting losses
              --content-bytes 100               message length
              --p99-bound 250ms                 step: highest p99 a sustainable step may have
              --step-tries 1                    step: runs of a step before one that is not sustainable ends
                                                the series (2: a stall of the machine is not the ceiling)
              --jwt-secret S                    sign HS256 tokens instead of using /dev/token
              --kafka localhost:9092            broker for the kafka baseline
              --platform-pid 0                  launcher pid for CPU accounting (0: find local-platform.jar)
              --json FILE                       append each result's JSON line to FILE
              --interval 60s                    soak: one sample per interval of --duration (e.g. 30m)
              --offline-share 0                 this share of the pairs' receivers stay offline, with an email
                                                address and a push subscription to the tool's own push service
              --metrics message:8081,presence:8082,projection:8083
                                                soak: other services' ports for heap and lag
            """;

    BenchOptions {
        steps = List.copyOf(steps);
        if (pairs < 1 || devices < 1 || rate < 1 || contentBytes < 1 || warmupFrom < 0 || stepTries < 1) {
            throw new IllegalArgumentException("pairs, devices, rate, content-bytes and step-tries must be positive");
        }
        if (!List.of("ws", "rsocket", "rest", "socketio", "socketio-polling").contains(protocol)) {
            throw new IllegalArgumentException("protocol must be ws, rsocket, rest, socketio or socketio-polling");
        }
        if (!List.of("load", "step", "kafka", "soak").contains(mode)) {
            throw new IllegalArgumentException("mode must be load, step, kafka or soak");
        }
    }

    static BenchOptions parse(String... args) {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        String mode = !rest.isEmpty() && !rest.get(0).startsWith("--") ? rest.remove(0) : "load";
        Map<String, String> named = new LinkedHashMap<>();
        for (int i = 0; i < rest.size(); i++) {
            String name = rest.get(i);
            if (!name.startsWith("--") || i + 1 >= rest.size()) {
                throw new IllegalArgumentException("expected --name value, got " + name);
            }
            named.put(name.substring(2), rest.get(++i));
        }
        BenchOptions options = new BenchOptions(
                mode,
                URI.create(take(named, "gateway", "http://localhost:8080")),
                take(named, "protocol", "ws"),
                Integer.parseInt(take(named, "rsocket-port", "7000")),
                Integer.parseInt(take(named, "pairs", "200")),
                Integer.parseInt(take(named, "devices", "1")),
                Integer.parseInt(take(named, "rate", "1000")),
                Arrays.stream(take(named, "steps", "250,500,1000,1500,2000,2500,3000").split(","))
                        .map(String::trim).map(Integer::parseInt).toList(),
                duration(take(named, "warmup", "15s")),
                Integer.parseInt(take(named, "warmup-from", "0")),
                duration(take(named, "duration", "30s")),
                duration(take(named, "drain", "30s")),
                Integer.parseInt(take(named, "content-bytes", "100")),
                duration(take(named, "p99-bound", "250ms")),
                Integer.parseInt(take(named, "step-tries", "1")),
                take(named, "jwt-secret", null),
                take(named, "kafka", "localhost:9092"),
                Long.parseLong(take(named, "platform-pid", "0")),
                take(named, "json", null),
                duration(take(named, "interval", "60s")),
                take(named, "metrics", "message:8081,presence:8082,projection:8083"),
                Double.parseDouble(take(named, "offline-share", "0")));
        if (!named.isEmpty()) {
            throw new IllegalArgumentException("unknown options " + named.keySet());
        }
        return options;
    }

    BenchOptions withRate(int newRate) {
        return new BenchOptions(mode, gateway, protocol, rsocketPort, pairs, devices, newRate, steps, warmup,
                warmupFrom, duration, drain, contentBytes, p99Bound, stepTries, jwtSecret, kafka, platformPid, json,
                interval, metrics, offlineShare);
    }

    /** A load run of one soak interval: a short warm-up at the rate, then the interval measured. */
    BenchOptions forInterval(Duration newWarmup, Duration measured) {
        return new BenchOptions("load", gateway, protocol, rsocketPort, pairs, devices, rate, steps, newWarmup, 0,
                measured, drain, contentBytes, p99Bound, stepTries, jwtSecret, kafka, platformPid, json, interval,
                metrics, offlineShare);
    }

    private static String take(Map<String, String> named, String name, String fallback) {
        String value = named.remove(name);
        return value == null ? fallback : value;
    }

    /** {@code 250ms}, {@code 30s}, {@code 2m}. */
    static Duration duration(String text) {
        String t = text.trim();
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        if (t.endsWith("s")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
        }
        if (t.endsWith("m")) {
            return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)) * 60);
        }
        return Duration.ofSeconds(Long.parseLong(t));
    }
}
