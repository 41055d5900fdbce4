/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.fleet;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.iotjobs.emulator.json.Json;
import io.github.iotjobs.emulator.query.Document;

/**
 * One device twin as an immutable snapshot. Updates produce a new snapshot, so readers (queries, HTTP responses)
 * never see a half-applied patch and need no lock.
 */
public final class DeviceTwin implements Document {

    private final String deviceId;
    private final ObjectNode tags;
    private final ObjectNode desired;
    private final ObjectNode reported;
    private final long version;
    private final long desiredVersion;
    private final long reportedVersion;
    private final boolean connected;
    // For a lagging query index: when this snapshot replaced the one before (null: since ever), and that one.
    private final Instant since;
    private final DeviceTwin older;

    public DeviceTwin(String deviceId, ObjectNode tags, ObjectNode desired, ObjectNode reported, boolean connected) {
        this(deviceId, tags, desired, reported, 1, 1, 1, connected);
    }

    private DeviceTwin(String deviceId, ObjectNode tags, ObjectNode desired, ObjectNode reported, long version,
                       long desiredVersion, long reportedVersion, boolean connected) {
        this(deviceId, tags, desired, reported, version, desiredVersion, reportedVersion, connected, null, null);
    }

    private DeviceTwin(String deviceId, ObjectNode tags, ObjectNode desired, ObjectNode reported, long version,
                       long desiredVersion, long reportedVersion, boolean connected, Instant since,
                       DeviceTwin older) {
        this.since = since;
        this.older = older;
        this.deviceId = deviceId;
        this.tags = tags == null ? Json.object() : tags;
        this.desired = desired == null ? Json.object() : desired;
        this.reported = reported == null ? Json.object() : reported;
        this.version = version;
        this.desiredVersion = desiredVersion;
        this.reportedVersion = reportedVersion;
        this.connected = connected;
    }

    public String deviceId() {
        return deviceId;
    }

    public long version() {
        return version;
    }

    public long desiredVersion() {
        return desiredVersion;
    }

    public boolean connected() {
        return connected;
    }

    /** Twin etags are opaque; the hub's look like base64 of an 8-byte counter, so ours do too. */
    public String etag() {
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(8).putLong(version).array());
    }

    /** Copies of the sections, so callers cannot mutate the snapshot. */
    public ObjectNode tags() {
        return tags.deepCopy();
    }

    public ObjectNode desired() {
        return desired.deepCopy();
    }

    public ObjectNode reported() {
        return reported.deepCopy();
    }

    /** A forced (etag "*") update merging tags and desired properties, as a twin-update job does. */
    public DeviceTwin patched(JsonNode tagsPatch, JsonNode desiredPatch) {
        boolean hasTags = tagsPatch != null && tagsPatch.isObject() && !tagsPatch.isEmpty();
        boolean hasDesired = desiredPatch != null && desiredPatch.isObject() && !desiredPatch.isEmpty();
        if (!hasTags && !hasDesired) {
            return this;
        }
        ObjectNode newTags = tags;
        ObjectNode newDesired = desired;
        if (hasTags) {
            newTags = tags.deepCopy();
            Json.merge(newTags, tagsPatch);
        }
        if (hasDesired) {
            newDesired = desired.deepCopy();
            Json.merge(newDesired, desiredPatch);
        }
        return new DeviceTwin(deviceId, newTags, newDesired, reported, version + 1,
                hasDesired ? desiredVersion + 1 : desiredVersion, reportedVersion, connected);
    }

    public DeviceTwin withConnected(boolean value) {
        return new DeviceTwin(deviceId, tags, desired, reported, version, desiredVersion, reportedVersion, value);
    }

    public DeviceTwin withReported(JsonNode reportedPatch) {
        ObjectNode newReported = reported.deepCopy();
        Json.merge(newReported, reportedPatch);
        return new DeviceTwin(deviceId, tags, desired, newReported, version + 1, desiredVersion,
                reportedVersion + 1, connected);
    }

    /** This snapshot as current since {@code at}, remembering {@code previous} for readers that lag behind. */
    DeviceTwin replacing(DeviceTwin previous, Instant at) {
        return new DeviceTwin(deviceId, tags, desired, reported, version, desiredVersion, reportedVersion, connected,
                at, previous);
    }

    /** The snapshot a reader lagging until {@code cutoff} sees, or null when the device did not exist yet. */
    public DeviceTwin asOf(Instant cutoff) {
        DeviceTwin t = this;
        while (t != null && t.since != null && t.since.isAfter(cutoff)) {
            t = t.older;
        }
        return t;
    }

    /** This snapshot without the older ones no reader at or after {@code cutoff} can see. */
    DeviceTwin prunedBefore(Instant cutoff) {
        if (since == null || !since.isAfter(cutoff)) {
            return older == null ? this : withOlder(null);
        }
        DeviceTwin kept = older == null ? null : older.prunedBefore(cutoff);
        return kept == older ? this : withOlder(kept);
    }

    private DeviceTwin withOlder(DeviceTwin value) {
        return new DeviceTwin(deviceId, tags, desired, reported, version, desiredVersion, reportedVersion, connected,
                since, value);
    }

    /** The wire shape of a twin (protocol.md §4.4). */
    public ObjectNode toJson() {
        ObjectNode twin = Json.object();
        twin.put("deviceId", deviceId);
        twin.put("etag", etag());
        twin.put("deviceEtag", etag());
        twin.put("version", version);
        twin.put("status", "enabled");
        twin.put("connectionState", connected ? "Connected" : "Disconnected");
        twin.put("cloudToDeviceMessageCount", 0);
        twin.put("authenticationType", "sas");
        ObjectNode thumbprint = twin.putObject("x509Thumbprint");
        thumbprint.putNull("primaryThumbprint");
        thumbprint.putNull("secondaryThumbprint");
        twin.putObject("capabilities").put("iotEdge", false);
        twin.set("tags", tags.deepCopy());
        ObjectNode properties = twin.putObject("properties");
        ObjectNode d = desired.deepCopy();
        d.put("$version", desiredVersion);
        ObjectNode r = reported.deepCopy();
        r.put("$version", reportedVersion);
        properties.set("desired", d);
        properties.set("reported", r);
        return twin;
    }

    /** Path lookup for queries: top-level system names case-insensitive, user keys case-sensitive (§7.2). */
    @Override
    public JsonNode resolve(List<String> path) {
        if (path.isEmpty()) {
            return null;
        }
        String head = path.get(0).toLowerCase(Locale.ROOT);
        switch (head) {
            case "deviceid":
                return path.size() == 1 ? TextNode.valueOf(deviceId) : null;
            case "etag":
                return path.size() == 1 ? TextNode.valueOf(etag()) : null;
            case "version":
                return path.size() == 1 ? LongNode.valueOf(version) : null;
            case "status":
                return path.size() == 1 ? TextNode.valueOf("enabled") : null;
            case "connectionstate":
                return path.size() == 1 ? TextNode.valueOf(connected ? "Connected" : "Disconnected") : null;
            case "tags":
                return Document.walk(tags, path, 1);
            case "properties":
                if (path.size() < 2) {
                    return null;
                }
                String section = path.get(1).toLowerCase(Locale.ROOT);
                if (!section.equals("desired") && !section.equals("reported")) {
                    return null;
                }
                boolean isDesired = section.equals("desired");
                if (path.size() == 3 && path.get(2).equals("$version")) {
                    return LongNode.valueOf(isDesired ? desiredVersion : reportedVersion);
                }
                return Document.walk(isDesired ? desired : reported, path, 2);
            default:
                return null;
        }
    }
}
