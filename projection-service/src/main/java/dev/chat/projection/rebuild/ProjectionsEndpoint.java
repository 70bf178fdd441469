package dev.chat.projection.rebuild;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.stereotype.Component;

/**
 * {@code GET /actuator/projections} shows when the read models were last rebuilt;
 * {@code POST /actuator/projections} rebuilds them from the log (409 while a rebuild is still catching up).
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
        status.put("catchingUp", rebuilder.catchingUp());
        return status;
    }

    /** 409 while an earlier rebuild is still replaying the log: a second one would start it over. */
    @WriteOperation
    WebEndpointResponse<Map<String, Object>> rebuild() {
        try {
            return new WebEndpointResponse<>(Map.of("rebuildStartedAt", rebuilder.rebuild(),
                    "status", "replaying from offset 0"));
        } catch (RebuildRunningException running) {
            return new WebEndpointResponse<>(Map.of("success", false, "message", running.getMessage()),
                    409);
        }
    }
}
