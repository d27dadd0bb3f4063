package org.cimkit.server.indications.subscriptions;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.cimkit.model.CimObjectPath;
import org.cimkit.server.storage.DurableStore;

/**
 * What the server keeps about each filter, destination and subscription besides the instance
 * itself: who created it (its owner) and when (a destination's creation time is part of its
 * SequenceContext, so it must survive a restart). Kept in the durable store (map {@value #MAP}, key:
 * the instance's canonical path) when the server has one, else in memory only, as the instances are.
 */
final class SubscriptionRecords {
    static final String MAP = "indication-subscriptions";

    /** @param owner the creating user, null without authentication */
    record Record(String owner, long createdMillis) {
    }

    private final DurableStore store;
    private final Map<String, Record> records = new ConcurrentHashMap<>();

    SubscriptionRecords(DurableStore storeOrNull) {
        this.store = storeOrNull;
        if (store != null) {
            store.forEach(MAP, (k, v) -> records.put(k, decode(v)));
        }
    }

    /** The record of the instance, or null when there is none (an instance from before records were kept). */
    Record get(CimObjectPath path) {
        return records.get(key(path));
    }

    void put(CimObjectPath path, Record r) {
        String k = key(path);
        if (store != null) {
            byte[] v = encode(r);
            store.write(m -> m.map(MAP).put(k, v));
        }
        records.put(k, r);
    }

    void remove(CimObjectPath path) {
        String k = key(path);
        if (store != null && records.containsKey(k)) {
            store.write(m -> m.map(MAP).remove(k));
        }
        records.remove(k);
    }

    private static String key(CimObjectPath path) {
        return IndicationClasses.canonical(path).comparisonKey();
    }

    private static byte[] encode(Record r) {
        // "<created millis>\n<owner>" ; no owner line without authentication
        return (r.createdMillis() + (r.owner() == null ? "" : "\n" + r.owner())).getBytes(StandardCharsets.UTF_8);
    }

    private static Record decode(byte[] v) {
        String s = new String(v, StandardCharsets.UTF_8);
        int nl = s.indexOf('\n');
        return nl < 0 ? new Record(null, Long.parseLong(s)) : new Record(s.substring(nl + 1), Long.parseLong(s.substring(0, nl)));
    }
}
