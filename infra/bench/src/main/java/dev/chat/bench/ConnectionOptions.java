package dev.chat.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code connections} mode's options: session arrivals at a rate (an open model: each session has its
 * scheduled start, and connect-to-ready counts from it) up to a total, held idle, over {@code /ws} or RSocket,
 * against one or several gateways, from one or several generator processes and loopback source addresses.
 *
 * @param gateways        the gateways' base URLs; sessions are dealt over them in turn
 * @param protocol        {@code ws} or {@code rsocket} (over TCP, at {@code rsocketPorts})
 * @param rsocketPorts    the gateways' RSocket TCP ports, in the order of {@code gateways}
 * @param sessions        sessions to open in all
 * @param rate            session starts offered per second, in all
 * @param checkpoints     totals at which to stop opening, wait until all are ready and measure the gateways
 *                        (RSS, live heap after a full GC, kernel socket memory); the last is {@code sessions}
 * @param generators      processes opening sessions (each may hold 20,000 descriptors); more than one: each
 *                        opens its share, and the footprint is measured once, with all held
 * @param sourceAddresses loopback addresses to connect from (127.0.0.1, .2, …): ~28,000 ports per address
 *                        whatever the gateways (a socket bound before it connects holds its port alone)
 * @param hold            how long to hold the sessions after the last checkpoint
 * @param readyTimeout    a session not ready this long after its scheduled start counts as failed
 * @param jwtSecret       HS256 secret to sign the users' tokens with (the local platform's by default)
 * @param userPrefix      users are {@code prefix-0 … prefix-(sessions-1)}, one session each
 * @param part            this generator's share ({@code i/n}); set by the parent for its children
 * @param json            append the result's JSON line to this file
 * @param messages        storm: messages sent during the storm, half to users of the killed gateway, half to
 *                        users of the others
 * @param probes          connections: once all are held, this many more sessions each get a message and a contact's
 *                        presence, timed ({@link DeliveryProbe}); 0 for none
 */
record ConnectionOptions(
        List<URI> gateways,
        String protocol,
        List<Integer> rsocketPorts,
        int sessions,
        int rate,
        List<Integer> checkpoints,
        int generators,
        int sourceAddresses,
        Duration hold,
        Duration readyTimeout,
        String jwtSecret,
        String userPrefix,
        int[] part,
        String json,
        int messages,
        int probes) {

    static final String USAGE = """
            usage: java -jar infra/bench/target/bench.jar connections [--option value ...]
              --gateway http://localhost:8080[,http://localhost:8090]   gateways (sessions dealt in turn)
              --protocol ws|rsocket             /ws (default) or RSocket over TCP
              --rsocket-port 7000[,7001]        the gateways' RSocket TCP ports
              --sessions 10000 --rate 1000      sessions in all; starts offered per second
              --checkpoints 2500,5000,10000     measure the gateways when this many are held (and at --sessions)
              --generators 1                    processes opening sessions (20,000 descriptors each)
              --source-addresses 1              connect from 127.0.0.1 … 127.0.0.N (28k ports per address:
                                                one per 25,000 sessions)
              --hold 10s --ready-timeout 30s    hold after the last checkpoint; when a start counts as failed
              --jwt-secret S                    sign tokens (default: the local platform's development secret)
              --user-prefix conn                users conn-0, conn-1, … (one session each)
              --json FILE                       append the result's JSON line to FILE
              --probes 0                        once all are held: N more sessions each get a message and a
                                                contact's presence; times both (the capacity goal's check)
            usage: java -jar infra/bench/target/bench.jar storm --gateway A,B [--sessions 15000 --rate 1000 --messages 200]
              holds the sessions over the gateways, kill -9s the first one (found by its port), sends --messages
              during the storm (half to its users, half to the others') and times until every session is back
            """;

    static ConnectionOptions parse(String... args) {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        if (!rest.isEmpty() && (rest.get(0).equals("connections") || rest.get(0).equals("storm"))) {
            rest.remove(0);
        }
        Map<String, String> named = new LinkedHashMap<>();
        for (int i = 0; i < rest.size(); i++) {
            if (!rest.get(i).startsWith("--") || i + 1 >= rest.size()) {
                throw new IllegalArgumentException("expected --name value, got " + rest.get(i));
            }
            named.put(rest.get(i).substring(2), rest.get(++i));
        }
        int sessions = Integer.parseInt(take(named, "sessions", "10000"));
        List<Integer> checkpoints = new ArrayList<>(numbers(take(named, "checkpoints", "")));
        checkpoints.removeIf(c -> c >= sessions);
        checkpoints.add(sessions);
        String[] part = take(named, "part", "0/1").split("/");
        ConnectionOptions options = new ConnectionOptions(
                Arrays.stream(take(named, "gateway", "http://localhost:8080").split(",")).map(String::trim)
                        .map(URI::create).toList(),
                take(named, "protocol", "ws"),
                numbers(take(named, "rsocket-port", "7000")),
                sessions,
                Integer.parseInt(take(named, "rate", "1000")),
                checkpoints.stream().sorted().distinct().toList(),
                Integer.parseInt(take(named, "generators", "1")),
                Integer.parseInt(take(named, "source-addresses", "1")),
                BenchOptions.duration(take(named, "hold", "10s")),
                BenchOptions.duration(take(named, "ready-timeout", "30s")),
                take(named, "jwt-secret", "local-development-secret-change-me-please-0123456789"),
                take(named, "user-prefix", "conn"),
                new int[] {Integer.parseInt(part[0]), Integer.parseInt(part[1])},
                take(named, "json", null),
                Integer.parseInt(take(named, "messages", "200")),
                Integer.parseInt(take(named, "probes", "0")));
        if (!named.isEmpty()) {
            throw new IllegalArgumentException("unknown options " + named.keySet());
        }
        if (!List.of("ws", "rsocket").contains(options.protocol())) {
            throw new IllegalArgumentException("protocol must be ws or rsocket");
        }
        if (sessions < 1 || options.rate() < 1 || options.generators() < 1 || options.sourceAddresses() < 1) {
            throw new IllegalArgumentException("sessions, rate, generators and source-addresses must be positive");
        }
        return options;
    }

    /** The arguments a child generator runs with: its share of the sessions and rate, its own source address. */
    List<String> childArguments(int index) {
        List<String> args = new ArrayList<>(List.of("connections",
                "--gateway", String.join(",", gateways.stream().map(URI::toString).toList()),
                "--protocol", protocol,
                "--rsocket-port", String.join(",", rsocketPorts.stream().map(String::valueOf).toList()),
                "--sessions", String.valueOf(share(sessions, index)),
                "--rate", String.valueOf(Math.max(1, share(rate, index))),
                "--source-addresses", String.valueOf(sourceAddresses),
                "--hold", hold.toMillis() + "ms",
                "--ready-timeout", readyTimeout.toMillis() + "ms",
                "--jwt-secret", jwtSecret,
                "--user-prefix", userPrefix + "-g" + index,
                "--part", index + "/" + generators));
        return args;
    }

    private int share(int total, int index) {
        return total / generators + (index < total % generators ? 1 : 0);
    }

    boolean isChild() {
        return part[1] > 1;
    }

    private static List<Integer> numbers(String text) {
        return text.isBlank() ? List.of()
                : Arrays.stream(text.split(",")).map(String::trim).map(Integer::parseInt).toList();
    }

    private static String take(Map<String, String> named, String name, String fallback) {
        String value = named.remove(name);
        return value == null ? fallback : value;
    }
}
