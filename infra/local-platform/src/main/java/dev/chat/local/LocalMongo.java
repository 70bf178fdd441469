package dev.chat.local;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.TypedH2Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The MongoDB wire-protocol server (mongo-java-server) on its H2 backend, persisting to a file in the
 * data directory. It speaks the real protocol, so the services use their ordinary Mongo driver; it has
 * no multi-document transactions or change streams, which the platform does not use.
 */
final class LocalMongo implements AutoCloseable {

    private final MongoServer server;
    private final int port;

    private LocalMongo(MongoServer server, int port) {
        this.server = server;
        this.port = port;
    }

    static LocalMongo start(Path dir, int port) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The H2 backend with proper key and value types: same file format, far less CPU per operation.
        MongoServer server = new MongoServer(TypedH2Backend.open(dir.resolve("chat.mv").toString()));
        server.bind("127.0.0.1", port);
        return new LocalMongo(server, port);
    }

    String uri(String database) {
        return "mongodb://127.0.0.1:" + port + "/" + database;
    }

    @Override
    public void close() {
        // shutdown() closes the backend, which flushes the H2 store to disk.
        server.shutdown();
    }
}
