/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDK HTTP(S) server shared by all platform APIs: turns exchanges into {@link Request}s, applies injected
 * faults, asks each {@link Handler} in turn, and never lets an unexpected exception escape as a dead connection.
 */
public final class EmulatorServer implements AutoCloseable {

    /** Bodies above this are refused with 413 before parsing. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    /** A request (headers and body) must arrive within this time, or its connection is closed. */
    public static final int MAX_REQUEST_SECONDS = 30;

    private static final Logger LOG = LoggerFactory.getLogger(EmulatorServer.class);

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle plus delayed ACKs add
        // ~40 ms to every response. The property is read once, when the JDK server classes initialise.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        // A client that sends its request slowly (or never finishes it) must not hold a server thread forever:
        // the JDK server closes a connection whose request has not been read whole within this many seconds.
        if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
            System.setProperty("sun.net.httpserver.maxReqTime", String.valueOf(MAX_REQUEST_SECONDS));
        }
    }

    private static final String PATH_OF_ADMIN = "/_emulator/";

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Handler> handlers;
    private final FaultInjector faults;

    public EmulatorServer(String bindHost, int port, SelfSignedCertificate tls, List<Handler> handlers,
                          FaultInjector faults) throws IOException {
        this.handlers = handlers;
        this.faults = faults;
        InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(bindHost), port);
        if (tls != null) {
            HttpsServer https = HttpsServer.create(address, 128);
            https.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
            server = https;
        } else {
            server = HttpServer.create(address, 128);
        }
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "iotjobs-emulator-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void serve(HttpExchange exchange) {
        try (exchange) {
            Response response = respond(exchange);
            if (response == null) {
                return; // dropped connection: closing the exchange without headers closes the socket
            }
            response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            byte[] body = response.body();
            boolean head = "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
            exchange.sendResponseHeaders(response.status(), body.length == 0 || head ? -1 : body.length);
            if (body.length > 0 && !head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (IOException e) {
            LOG.debug("Client went away: {}", e.toString());
        } catch (RuntimeException e) {
            LOG.warn("Unexpected failure serving {} {}", exchange.getRequestMethod(), exchange.getRequestURI()
                    .getRawPath(), e);
        }
    }

    private Response respond(HttpExchange exchange) throws IOException {
        String rawPath = exchange.getRequestURI().getRawPath();
        Handler primary = owner(rawPath == null ? "/" : rawPath);
        try {
            // The request is read whole first, so the request time bound never counts injected latency.
            Request request = read(exchange);
            // The admin API stays reachable whatever faults a test has injected.
            Fault fault = rawPath != null && rawPath.startsWith(PATH_OF_ADMIN) ? null
                    : faults.match(exchange.getRequestMethod(), rawPath == null ? "/" : rawPath);
            if (fault != null) {
                switch (fault.kind()) {
                    case DROP_CONNECTION:
                        return null;
                    case MALFORMED_BODY:
                        return Response.raw(200, "{\"jobId\": \"trunc");
                    case STATUS:
                        return primary.error(new ApiException(fault.statusCode(), fault.statusCode() == 429
                                ? "ThrottlingException" : fault.statusCode() == 503 ? "ServiceUnavailable"
                                : "ServerError", "Injected fault", fault.retryAfter() == null ? null
                                : String.valueOf(fault.retryAfter())));
                    case LATENCY:
                        try {
                            Thread.sleep(fault.delay().toMillis());
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        break;
                    default:
                        break;
                }
            }
            for (Handler handler : handlers) {
                Response response = handler.handle(request);
                if (response != null) {
                    return response;
                }
            }
            throw new ApiException(404, "NotFound", "No route for " + request.method() + " " + request.path());
        } catch (ApiException e) {
            return primary.error(e);
        } catch (RuntimeException e) {
            LOG.warn("Unexpected failure serving {} {}", exchange.getRequestMethod(), rawPath, e);
            return primary.error(new ApiException(500, "ServerError", "Internal server error"));
        }
    }

    private Handler owner(String rawPath) {
        for (Handler handler : handlers) {
            if (handler.serves(rawPath)) {
                return handler;
            }
        }
        return handlers.get(0);
    }

    private static Request read(HttpExchange exchange) throws IOException {
        byte[] body = readBody(exchange.getRequestBody());
        String rawPath = exchange.getRequestURI().getRawPath();
        if (rawPath == null) {
            rawPath = "/";
        }
        List<String> segments = new ArrayList<>();
        for (String part : rawPath.split("/")) {
            if (!part.isEmpty()) {
                segments.add(decode(part, false));
            }
        }
        Map<String, String> query = new HashMap<>();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq), true);
                query.putIfAbsent(key, eq < 0 ? "" : decode(pair.substring(eq + 1), true));
            }
        }
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!values.isEmpty()) {
                headers.put(name.toLowerCase(Locale.ROOT), values.get(0));
            }
        });
        return new Request(exchange.getRequestMethod().toUpperCase(Locale.ROOT), rawPath, List.copyOf(segments),
                query, headers, body, headers.get("host"));
    }

    private static String decode(String text, boolean plusIsSpace) {
        try {
            return URLDecoder.decode(plusIsSpace ? text : text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "ArgumentInvalid", "Malformed percent-encoding in the request URI");
        }
    }

    private static byte[] readBody(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
            if (out.size() > MAX_BODY_BYTES) {
                throw new ApiException(413, "MessageTooLarge", "The request body is too large");
            }
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
