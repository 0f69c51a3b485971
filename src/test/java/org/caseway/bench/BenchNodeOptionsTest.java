package org.caseway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How one benchmark JVM reads the nodes it runs in turn (quick mode: a variant's H2 node, then its PostgreSQL node). */
class BenchNodeOptionsTest {

    @Test
    void eachLaterNodeKeepsTheFirstNodesOptionsAndReplacesItsOwn() {
        List<Map<String, String>> nodes = BenchNode.nodes(new String[] {"--variant=caseway", "--mode=quick",
                "--db=h2", "--url=jdbc:h2:file:/tmp/a", "--port=1001", "--out=/tmp/h2-caseway.json",
                "--next", "--db=postgres", "--url=jdbc:postgresql://127.0.0.1:5432/b", "--port=1002",
                "--out=/tmp/postgres-caseway.json"});

        assertThat(nodes).hasSize(2);
        assertThat(nodes.get(0)).containsEntry("db", "h2").containsEntry("port", "1001")
                .containsEntry("url", "jdbc:h2:file:/tmp/a").containsEntry("variant", "caseway");
        assertThat(nodes.get(1)).containsEntry("db", "postgres").containsEntry("port", "1002")
                .containsEntry("url", "jdbc:postgresql://127.0.0.1:5432/b").containsEntry("out", "/tmp/postgres-caseway.json")
                .containsEntry("variant", "caseway").containsEntry("mode", "quick");
    }

    @Test
    void aSingleNodeIsItsOwnOptions() {
        List<Map<String, String>> nodes = BenchNode.nodes(new String[] {"--variant=baseline", "--mode=full", "--db=postgres",
                "--url=jdbc:postgresql://127.0.0.1:5432/c", "--role=lead"});

        assertThat(nodes).containsExactly(Map.of("variant", "baseline", "mode", "full", "db", "postgres",
                "url", "jdbc:postgresql://127.0.0.1:5432/c", "role", "lead"));
    }
}
