package org.cimkit.server.indications.delivery;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many queued indications all destinations together may hold in memory. Each queue has its own
 * limit too, but a hundred destinations of a thousand each would still fill a small heap; beyond the
 * budget, new indications wait only in the store, as they do beyond a queue's own limit. A queue whose
 * memory ran dry reads at least its head back even when the budget is spent (it must be in memory to be
 * sent), so the bound is the budget plus one per destination.
 */
final class MemoryBudget {
    private final int max;
    private final AtomicInteger used = new AtomicInteger();

    MemoryBudget(int max) {
        this.max = max;
    }

    /** Takes room for one indication in memory; false when the budget is spent. */
    boolean take() {
        while (true) {
            int u = used.get();
            if (u >= max) {
                return false;
            }
            if (used.compareAndSet(u, u + 1)) {
                return true;
            }
        }
    }

    /** How many more fit (for reading a batch back from the store), at least one so a queue always moves. */
    int room() {
        return Math.max(1, max - used.get());
    }

    /** Counts indications read back into memory (may pass the budget by one batch's first element). */
    void add(int n) {
        used.addAndGet(n);
    }

    void give(int n) {
        used.addAndGet(-n);
    }

    int used() {
        return used.get();
    }
}
