package dev.gatehouse.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** How the driver tells that a server has gone quiet between rows: its CPU ticks from /proc. */
class ServerQuietTest {

    @Test
    void readsUserAndSystemTicksPastANameWithSpacesAndParentheses() {
        String stat = "4242 (C2 Compiler) x)) S 1 4242 4242 0 -1 4194560 5000 0 0 0 731 122 0 0 20 0 40 0 100 0 0";

        assertThat(GatehouseProcess.cpuTicks(stat)).hasValue(731 + 122);
    }

    @Test
    void aTruncatedStatIsNoAnswer() {
        assertThat(GatehouseProcess.cpuTicks("4242 (java) S 1 2")).isEmpty();
        assertThat(GatehouseProcess.cpuTicks("no name here")).isEmpty();
    }

    @Test
    void thisJvmsTicksGrowWhileItWorks() throws Exception {
        OptionalLong before = GatehouseProcess.cpuTicks(ProcessHandle.current().pid());
        assertThat(before).isPresent(); // Linux, as on every machine this project runs on

        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] block = new byte[1 << 20];
        long ticks = before.getAsLong();
        for (int round = 0; round < 10_000 && ticks == before.getAsLong(); round++) {
            sha.update(block);
            ticks = GatehouseProcess.cpuTicks(ProcessHandle.current().pid()).orElseThrow();
        }

        assertThat(ticks).isGreaterThan(before.getAsLong());
    }
}
