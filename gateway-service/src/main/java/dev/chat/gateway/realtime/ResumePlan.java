package dev.chat.gateway.realtime;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where a starting session's stream begins. With a cursor that is still reachable: replay the log from
 * it, so the client gets exactly what it missed. Without one: from the log's end. With a cursor that
 * cannot be honoured: from the end, after telling the client to reload (and why). Pure: positions in,
 * decision out.
 *
 * @param replayFrom   per partition, the offset to replay from; null to start at the end
 * @param reloadReason why the client must reload its state instead of resuming; null if it need not
 */
record ResumePlan(Map<Integer, Long> replayFrom, String reloadReason) {

    /**
     * @param cursorText the client's cursor, or null for none (an empty one is not a cursor: reload)
     * @param beginning  the log's first offsets (asked only when there is a cursor to check)
     * @param end        the log's end offsets now
     * @param maxRecords a cursor further behind than this many records is told to reload
     */
    static ResumePlan of(String cursorText, Supplier<Map<Integer, Long>> beginning, Map<Integer, Long> end,
            long maxRecords) {
        if (cursorText == null) {
            return new ResumePlan(null, null);
        }
        if (cursorText.isBlank()) {
            return reload("the cursor is empty; reload");
        }
        Optional<Map<Integer, Long>> cursor = Cursor.decode(cursorText);
        if (cursor.isEmpty()) {
            return reload("the cursor is not one this server issued");
        }
        if (!cursor.get().keySet().equals(end.keySet())) {
            return reload("the event log's partitions changed; reload");
        }
        Map<Integer, Long> first = beginning.get();
        long behind = 0;
        for (Map.Entry<Integer, Long> position : cursor.get().entrySet()) {
            long offset = position.getValue();
            if (offset < first.get(position.getKey()) || offset > end.get(position.getKey())) {
                return reload("the cursor points outside the event log; reload");
            }
            behind += end.get(position.getKey()) - offset;
        }
        if (behind > maxRecords) {
            return reload("too far behind to replay (" + behind + " events since your cursor); reload the conversations");
        }
        return new ResumePlan(Map.copyOf(cursor.get()), null);
    }

    private static ResumePlan reload(String reason) {
        return new ResumePlan(null, reason);
    }

    boolean replays() {
        return replayFrom != null;
    }
}
