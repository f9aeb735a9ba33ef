/**
 * What the stores' tests share: the contract suites every store passes ({@code dev.gatehouse.tck}),
 * and the CI rule for missing services, a TCP proxy for network faults and a bounded wait
 * ({@code dev.gatehouse.testing}). Open, so that JUnit may run the suites' test methods by reflection.
 */
open module dev.gatehouse.testing {
    // The suites test the library's store interfaces, and are JUnit test classes.
    requires transitive dev.gatehouse.core;
    requires transitive org.junit.jupiter.api;
    requires org.assertj.core;

    exports dev.gatehouse.tck;
    exports dev.gatehouse.testing;
}
