import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { loadConfig, type Config } from '../../src/config/config';
import { connectTemporalClient, connectWorkerConnection, TemporalUnreachableError } from '../../src/temporal/client';
import type { TemporalConnectionOptions } from '../../src/temporal/connectionOptions';
import { makeThrowawayPki, type ThrowawayPki } from '../support/certificates';
import { createDevServerTestEnv } from '../support/temporal';
import * as activities from './fixtures/activities';
import { startTlsTerminatingProxy, type TlsTerminatingProxy } from './fixtures/tlsTerminatingProxy';
import { greetWorkflow } from './fixtures/workflows';

// The engine's TLS settings on a real connection: a TLS front that demands a client certificate,
// before the real dev server (which cannot serve TLS itself).
jest.setTimeout(180_000);

let env: TestWorkflowEnvironment;
let tmp: string;
let pki: ThrowawayPki;
let proxy: TlsTerminatingProxy;

beforeAll(async () => {
  env = await createDevServerTestEnv();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'temporal-tls-'));
  pki = makeThrowawayPki(path.join(tmp, 'pki'));
  proxy = await startTlsTerminatingProxy({ upstream: env.address, ca: pki.caCert, cert: pki.serverCert, key: pki.serverKey });
});

afterAll(async () => {
  await proxy?.close();
  await env?.teardown();
  fs.rmSync(tmp, { recursive: true, force: true });
});

beforeEach(() => {
  proxy.requests.length = 0;
  proxy.refusedHandshakes.length = 0;
});

function externalConnection(config: Config): TemporalConnectionOptions {
  if (config.temporal.server.kind !== 'external') throw new Error('expected an external Temporal server');
  return config.temporal.server.connection;
}

it('connects the client and the worker through a temporal.toml profile: CA, server name, client certificate, API key and gRPC metadata', async () => {
  const configFile = path.join(tmp, 'temporal.toml');
  fs.writeFileSync(
    configFile,
    [
      '[profile.council]',
      `address = "${proxy.address}"`,
      'namespace = "default"',
      'api_key = "council-key-1"',
      '[profile.council.tls]',
      `server_name = "${pki.serverName}"`,
      `server_ca_cert_path = "${pki.caCert}"`,
      `client_cert_path = "${pki.clientCert}"`,
      `client_key_path = "${pki.clientKey}"`,
      '[profile.council.grpc_meta]',
      'x-council = "tower-hamlets"',
      '',
    ].join('\n'),
  );
  const config = loadConfig({ TEMPORAL_CONFIG_FILE: configFile, TEMPORAL_PROFILE: 'council' }, tmp);
  const options = externalConnection(config);

  const client = await connectTemporalClient(options, config.temporal.namespace);
  const connection = await connectWorkerConnection(options);
  try {
    const taskQueue = `tls-${randomUUID()}`;
    const worker = await Worker.create({ connection, taskQueue, workflowsPath: require.resolve('./fixtures/workflows'), activities });
    const result = await worker.runUntil(
      client.workflow.execute(greetWorkflow, { args: ['Tower Hamlets'], taskQueue, workflowId: `tls-${randomUUID()}` }),
    );
    expect(result).toBe('Hello, Tower Hamlets!');
  } finally {
    await connection.close();
    await client.connection.close();
  }

  expect(proxy.refusedHandshakes).toEqual([]);
  expect(connectionsSeen()).toEqual(['client', 'worker']);
  expect(proxy.requests.some((r) => r.path.endsWith('/PollWorkflowTaskQueue'))).toBe(true);
  for (const request of proxy.requests) {
    expect(request).toMatchObject({
      serverName: pki.serverName,
      clientCertificate: pki.clientName,
      authorization: 'Bearer council-key-1',
      headers: expect.objectContaining({ 'x-council': 'tower-hamlets' }),
    });
  }
});

it('connects with the settings in environment variables', async () => {
  const config = loadConfig(
    {
      TEMPORAL_ADDRESS: proxy.address,
      TEMPORAL_TLS_SERVER_NAME: pki.serverName,
      TEMPORAL_TLS_SERVER_CA_CERT_PATH: pki.caCert,
      TEMPORAL_TLS_CLIENT_CERT_PATH: pki.clientCert,
      TEMPORAL_TLS_CLIENT_KEY_PATH: pki.clientKey,
      TEMPORAL_API_KEY: 'council-key-2',
    },
    tmp,
  );
  const client = await connectTemporalClient(externalConnection(config), config.temporal.namespace);
  const connection = await connectWorkerConnection(externalConnection(config));
  try {
    await client.workflowService.describeNamespace({ namespace: 'default' });
  } finally {
    await connection.close();
    await client.connection.close();
  }
  expect(proxy.requests.map((r) => r.path)).toContain('/temporal.api.workflowservice.v1.WorkflowService/DescribeNamespace');
  expect(connectionsSeen()).toEqual(['client', 'worker']);
  for (const request of proxy.requests) {
    expect(request).toMatchObject({ serverName: pki.serverName, clientCertificate: pki.clientName, authorization: 'Bearer council-key-2' });
  }
});

it('is refused without the client certificate, and refuses a server its CA did not sign', async () => {
  const withoutClientCert = loadConfig(
    { TEMPORAL_ADDRESS: proxy.address, TEMPORAL_TLS_SERVER_NAME: pki.serverName, TEMPORAL_TLS_SERVER_CA_CERT_PATH: pki.caCert },
    tmp,
  );
  await expect(connectOnce(externalConnection(withoutClientCert))).rejects.toThrow();
  expect(proxy.refusedHandshakes.length).toBeGreaterThan(0);
  expect(proxy.requests).toEqual([]);

  const otherPki = makeThrowawayPki(path.join(tmp, 'other-pki'));
  const trustingAnotherCa = loadConfig(
    {
      TEMPORAL_ADDRESS: proxy.address,
      TEMPORAL_TLS_SERVER_NAME: pki.serverName,
      TEMPORAL_TLS_SERVER_CA_CERT_PATH: otherPki.caCert,
      TEMPORAL_TLS_CLIENT_CERT_PATH: pki.clientCert,
      TEMPORAL_TLS_CLIENT_KEY_PATH: pki.clientKey,
    },
    tmp,
  );
  await expect(connectWorkerConnection(externalConnection(trustingAnotherCa))).rejects.toThrow(TemporalUnreachableError);
  expect(proxy.requests).toEqual([]);
});

/** Which connections made requests through the proxy: the client's (grpc-js) and the worker's (the SDK's Rust core). */
function connectionsSeen(): string[] {
  return [...new Set(proxy.requests.map((r) => (r.userAgent?.startsWith('grpc-node-js') ? 'client' : 'worker')))].sort();
}

/** The client connection with a short time-out: a refused handshake would otherwise be retried for ten seconds. */
async function connectOnce(options: TemporalConnectionOptions): Promise<void> {
  const connection = await Connection.connect({ ...options, connectTimeout: '2 seconds' });
  await connection.close();
}
