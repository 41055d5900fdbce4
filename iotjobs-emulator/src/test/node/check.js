/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
// The azure-iothub JobClient and Registry against the emulator: twin and method jobs, job listing with paging,
// cancel, devices.jobs rows with paging, and error decoding. Usage: node check.js (IOTHUB_CONNECTION_STRING set,
// NODE_EXTRA_CA_CERTS naming the emulator's certificate). Prints one line per step; exits non-zero on a failure.
'use strict';

const https = require('https');

// The SDK always talks to port 443 of HostName; the emulator's HostName is localhost:PORT. This shim only splits
// host and port before Node resolves the name: every request is still built, signed and parsed by the SDK.
const request = https.request;
https.request = function (options, callback) {
  const match = options && typeof options.host === 'string' && /^(.+):(\d+)$/.exec(options.host);
  if (match) {
    options = Object.assign({}, options, { host: match[1], port: Number(match[2]), servername: match[1] });
  }
  return request.call(this, options, callback);
};

const { JobClient, Registry } = require('azure-iothub');

const connectionString = process.env.IOTHUB_CONNECTION_STRING;
const jobs = JobClient.fromConnectionString(connectionString);
const registry = Registry.fromConnectionString(connectionString);

function check(condition, message) {
  if (!condition) {
    throw new Error('check failed: ' + message);
  }
}

async function waitFor(jobId, statuses) {
  for (let i = 0; i < 200; i++) {
    const job = (await jobs.getJob(jobId)).jobStatus;
    if (statuses.includes(job.status)) {
      return job;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('job ' + jobId + ' never reached ' + statuses);
}

async function allPages(query) {
  const items = [];
  let pages = 0;
  do {
    // Without an argument, the promise form of next() forgets the token and reads the first page again.
    const page = await query.next(query.continuationToken);
    items.push(...page.result);
    pages++;
  } while (query.hasMoreResults);
  return { items, pages };
}

async function main() {
  const patch = { etag: '*', properties: { desired: { firmware: 'node-1.0' } } };
  const twin = await jobs.scheduleTwinUpdate('node-twin', "tags.building = 'b1'", patch, new Date(), 3600);
  check(twin.jobStatus.jobId === 'node-twin' && twin.jobStatus.type === 'scheduleUpdateTwin', 'twin job accepted');
  const twinDone = await waitFor('node-twin', ['completed', 'failed']);
  check(twinDone.status === 'completed', 'twin job completed');
  const devices = twinDone.deviceJobStatistics.deviceCount;
  check(devices > 0 && twinDone.deviceJobStatistics.succeededCount === devices, 'every device succeeded');
  console.log('twin job: ' + devices + ' devices');

  const method = { methodName: 'reboot', payload: { delay: 1 }, responseTimeoutInSeconds: 30 };
  await jobs.scheduleDeviceMethod('node-method', "deviceId IN ['device-000001', 'device-000002']", method,
    new Date(), 3600);
  const methodDone = await waitFor('node-method', ['completed', 'failed']);
  check(methodDone.deviceJobStatistics.succeededCount === 2, 'method job reached both devices');
  console.log('method job: completed');

  const later = new Date(Date.now() + 3600 * 1000);
  await jobs.scheduleDeviceMethod('node-later', '*', method, later, 3600);
  const cancelled = (await jobs.cancelJob('node-later')).jobStatus;
  check(cancelled.status === 'cancelled', 'scheduled job cancelled');
  console.log('cancel: cancelled');

  const listed = await allPages(jobs.createQuery(undefined, undefined, 1));
  const ids = listed.items.map((job) => job.jobId).sort();
  check(JSON.stringify(ids) === JSON.stringify(['node-later', 'node-method', 'node-twin']), 'jobs listed: ' + ids);
  check(listed.pages === 3, 'one job a page');
  const byType = await allPages(jobs.createQuery('scheduleUpdateTwin', 'completed', 10));
  check(byType.items.length === 1 && byType.items[0].jobId === 'node-twin', 'filtered by type and status');
  console.log('job query: ' + listed.pages + ' pages');

  const rows = await allPages(registry.createQuery(
    "SELECT * FROM devices.jobs WHERE devices.jobs.jobId = 'node-twin'", 3));
  check(rows.items.length === devices, 'every row listed');
  check(rows.items.every((row) => row.status === 'completed' && row.jobType === 'scheduleUpdateTwin'), 'rows');
  check(new Set(rows.items.map((row) => row.deviceId)).size === devices, 'no row twice');
  console.log('devices.jobs: ' + rows.items.length + ' rows in ' + rows.pages + ' pages');

  try {
    await jobs.getJob('no-such-job');
    check(false, 'an unknown job is an error');
  } catch (err) {
    check(err.response && err.response.statusCode === 404, 'unknown job answers 404: ' + err);
    console.log('unknown job: ' + err.name);
  }
  console.log('NODE SDK CHECK PASSED');
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : err);
  process.exit(1);
});
