package dev.chat.bench;

import java.util.BitSet;

/**
 * What one receiving device got from one conversation, judged by the conversation's versions: a version
 * seen twice is a duplicate, a version below one already seen is a reordering, and a message that was
 * sent and not refused but never arrived is lost. Plain code, no clock, no socket.
 */
final class DeliveryLedger {

    private final BitSet messages = new BitSet();
    private final BitSet versions = new BitSet();
    private long highestVersion;
    private int duplicated;
    private int reordered;
    private int delivered;

    /**
     * Records a delivery.
     *
     * @param seq     the message's index among its sender's messages
     * @param version the version the platform gave it
     * @return true if this is the first delivery of that message (count its latency)
     */
    synchronized boolean delivered(int seq, long version) {
        if (version < 1 || version > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("version out of range: " + version);
        }
        if (versions.get((int) version) || messages.get(seq)) {
            duplicated++;
            return false;
        }
        if (version < highestVersion) {
            reordered++;
        }
        highestVersion = Math.max(highestVersion, version);
        versions.set((int) version);
        messages.set(seq);
        delivered++;
        return true;
    }

    synchronized boolean has(int seq) {
        return messages.get(seq);
    }

    synchronized int duplicated() {
        return duplicated;
    }

    synchronized int reordered() {
        return reordered;
    }

    synchronized int delivered() {
        return delivered;
    }

    /** Messages among the first {@code sent} that were not refused and never arrived. */
    synchronized int lost(int sent, BitSet refused) {
        int lost = 0;
        for (int seq = 0; seq < sent; seq++) {
            if (!messages.get(seq) && !refused.get(seq)) {
                lost++;
            }
        }
        return lost;
    }
}
