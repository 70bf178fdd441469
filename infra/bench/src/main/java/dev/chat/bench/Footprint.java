package dev.chat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the gateways hold in memory at a moment: each one's resident set (from {@code /proc}), its live heap
 * after a full collection ({@code jcmd GC.run}, then {@code GC.heap_info}), and the kernel's TCP buffer memory
 * for the whole machine ({@code /proc/net/sockstat}, pages).
 */
record Footprint(Map<String, Long> rssBytes, Map<String, Long> liveHeapBytes, long kernelTcpBytes) {

    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
    private static final Pattern TCP_MEM = Pattern.compile("TCP: .* mem (\\d+)");
    private static final long PAGE = 4096;

    static Footprint of(Map<String, ProcessHandle> gateways) {
        Map<String, Long> rss = new LinkedHashMap<>();
        Map<String, Long> heap = new LinkedHashMap<>();
        gateways.forEach((name, process) -> {
            heap.put(name, liveHeap(process.pid()));
            rss.put(name, rss(process.pid()));
        });
        return new Footprint(rss, heap, kernelTcp());
    }

    long rss() {
        return rssBytes.values().stream().mapToLong(Long::longValue).sum();
    }

    long liveHeap() {
        return liveHeapBytes.values().stream().mapToLong(Long::longValue).sum();
    }

    static long rss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException e) {
            // gone
        }
        return 0;
    }

    /** The heap in use after a full collection: the sum over the heap's lines (generations, or G1's heap). */
    private static long liveHeap(long pid) {
        jcmd(pid, "GC.run");
        long used = 0;
        for (String line : jcmd(pid, "GC.heap_info").split("\n")) {
            if (line.contains("generation") || line.contains("garbage-first heap") || line.contains("region-based")) {
                Matcher matcher = HEAP_USED.matcher(line);
                if (matcher.find()) {
                    used += Long.parseLong(matcher.group(1)) * 1024;
                }
            }
        }
        return used;
    }

    private static String jcmd(long pid, String command) {
        try {
            Process process = new ProcessBuilder(List.of("jcmd", String.valueOf(pid), command)).redirectErrorStream(true)
                    .start();
            String out = new String(process.getInputStream().readAllBytes());
            process.waitFor(60, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static long kernelTcp() {
        try {
            Matcher mem = TCP_MEM.matcher(Files.readString(Path.of("/proc/net/sockstat")));
            return mem.find() ? Long.parseLong(mem.group(1)) * PAGE : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
