package de.bwaldvogel.mongo.backend.h2;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.bson.ObjectId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class StandInDataTypeTest {

    /**
     * The one type instance every map of the store shares is used from several threads at once (the wire
     * protocol's, the store's background writer): values of one kind must compare as that kind whatever another thread
     * sizes or writes meanwhile. H2's own comparison, shared, took two ids for two different types now and then and threw —
     * which closed the whole store under a benchmark.
     */
    @Test
    void comparisonsFromManyThreadsAtOnceNeverMistakeOneTypeForAnother() throws Exception {
        ObjectId first = new ObjectId();
        ObjectId second = new ObjectId();
        int expected = Integer.signum(first.compareTo(second));
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> work = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                boolean ids = t % 2 == 0;
                work.add(() -> {
                    int mistaken = 0;
                    for (int i = 0; i < 200_000; i++) {
                        if (ids) {
                            mistaken += Integer.signum(StandInDataType.INSTANCE.compare(first, second)) == expected ? 0 : 1;
                        } else {
                            // Sizing values of other types (as every write does) changes what H2 last detected.
                            StandInDataType.INSTANCE.getMemory(i % 2 == 0 ? "text" : (Object) 42L);
                        }
                    }
                    return mistaken;
                });
            }
            for (Future<Integer> result : threads.invokeAll(work)) {
                assertThat(result.get()).isZero();
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
