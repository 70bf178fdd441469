package dev.chat.projection.rebuild;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.stereotype.Component;

/**
 * {@code GET /actuator/projections} shows when the read models were last rebuilt;
 * {@code POST /actuator/projections} rebuilds them from the log.
 */
@Component
@Endpoint(id = "projections")
class ProjectionsEndpoint {

    private final ProjectionRebuilder rebuilder;

    ProjectionsEndpoint(ProjectionRebuilder rebuilder) {
        this.rebuilder = rebuilder;
    }

    @ReadOperation
    Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("lastRebuildAt", rebuilder.lastRebuildAt());
        return status;
    }

    @WriteOperation
    Map<String, Object> rebuild() {
        return Map.of("rebuildStartedAt", rebuilder.rebuild(), "status", "replaying from offset 0");
    }
}
