import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { findFreePort, isPortFree } from '../../src/embedded/ports';

// `npm start` as a user runs it: the real process, every embedded server, Ctrl-C, and a restart.
jest.setTimeout(300_000);

const root = path.resolve(__dirname, '../..');

interface Engine {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startEngine(env: Record<string, string>): Engine {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'all'], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitForOutput(engine: Engine, pattern: RegExp, timeoutMs = 240_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void engine.exited.then((code) => (exitCode = code));
  while (!pattern.test(engine.output())) {
    if (exitCode !== undefined) throw new Error(`engine exited with ${exitCode} before ${pattern}:\n${engine.output()}`);
    if (Date.now() > deadline) throw new Error(`no ${pattern} within ${timeoutMs} ms:\n${engine.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function stopEngine(engine: Engine): Promise<number | null> {
  engine.child.kill('SIGINT');
  return engine.exited;
}

async function freePorts() {
  const ports: number[] = [];
  while (ports.length < 5) {
    const port = await findFreePort();
    if (!ports.includes(port)) ports.push(port);
  }
  const [postgres, temporal, ui, smtp, http] = ports as [number, number, number, number, number];
  return { postgres, temporal, ui, smtp, http };
}

function engineEnv(dataDir: string, ports: Awaited<ReturnType<typeof freePorts>>): Record<string, string> {
  return {
    DUTY_ENGINE_DATA_DIR: dataDir,
    POSTGRES_PORT: String(ports.postgres),
    TEMPORAL_PORT: String(ports.temporal),
    TEMPORAL_UI_PORT: String(ports.ui),
    SMTP_PORT: String(ports.smtp),
    HTTP_PORT: String(ports.http),
    DATABASE_URL: '',
    TEMPORAL_ADDRESS: '',
    SMTP_URL: '',
    DEMO: 'off',
  };
}

let tmp: string;
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'engine-start-'));
  await fs.chmod(tmp, 0o755); // as root, PostgreSQL runs as the postgres user, who must be able to enter it
});
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

describe('npm start on embedded defaults', () => {
  let engine: Engine | undefined;
  afterEach(async () => {
    if (engine && engine.child.exitCode === null) await stopEngine(engine);
    engine = undefined;
  });

  it('starts every part, serves health, sends a notice, stops on Ctrl-C and keeps its data across a restart', async () => {
    const dataDir = path.join(tmp, 'data');
    const ports = await freePorts();
    const env = engineEnv(dataDir, ports);
    const base = `http://127.0.0.1:${ports.http}`;

    engine = startEngine(env);
    await waitForOutput(engine, /Press Ctrl-C to stop/);
    expect(engine.output()).toContain(`Health endpoint:  ${base}/health`);
    expect(engine.output()).toContain(`Temporal Web UI:  http://127.0.0.1:${ports.ui}`);
    expect(engine.output()).toContain(`Mail inbox:       ${base}/mail`);

    const health = await fetch(`${base}/health`);
    const report = (await health.json()) as { status: string; checks: Record<string, { ok: boolean }> };
    expect(health.status).toBe(200);
    expect(report.status).toBe('ok');
    expect(Object.keys(report.checks).sort()).toEqual(['database', 'smtp', 'temporal']);
    const ui = await fetch(`http://127.0.0.1:${ports.ui}/`);
    expect(ui.status).toBe(200);

    const notice = { to: ['board.secretary@council.example'], subject: 'Agenda due Monday 14 April 2025', text: 'Publish it.' };
    const post = () =>
      fetch(`${base}/api/notices`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'agenda-2025-04-24' },
        body: JSON.stringify(notice),
      });
    const accepted = await post();
    expect(accepted.status).toBe(202);
    expect(await accepted.json()).toEqual({ workflowId: 'notice:agenda-2025-04-24' });
    const duplicate = await post();
    expect(duplicate.status).toBe(200);
    expect(await duplicate.json()).toMatchObject({ duplicate: true });

    const mailDir = path.join(dataDir, 'mail');
    for (let i = 0; i < 150 && (await emlFiles(mailDir)).length === 0; i++) await new Promise((r) => setTimeout(r, 200));
    expect(await emlFiles(mailDir)).toHaveLength(1);
    const inboxPage = await (await fetch(`${base}/mail`)).text();
    expect(inboxPage).toContain('Agenda due Monday 14 April 2025');

    // The duty API runs on the same server, wired to the database, Temporal and the worker.
    const postJson = (route: string, body: unknown) => fetch(`${base}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await postJson('/api/bodies', { id: 'north-csp', name: 'North CSP', kind: 'community-safety-partnership' })).status).toBe(201);
    expect((await postJson('/api/people', { email: 'owner@council.example', name: 'Olu Owner' })).status).toBe(201);
    // Counted from today, the assessment is a year away: no notice yet, so the mail count below holds.
    const assigned = await postJson('/api/assignments', { duty: 'strategic-assessment', body: 'north-csp', owner: 'owner@council.example' });
    expect(assigned.status).toBe(201);
    const { id } = (await assigned.json()) as { id: string };
    let opened = false;
    for (let i = 0; i < 150 && !opened; i++) {
      opened = ((await (await fetch(`${base}/api/assignments/${id}`)).json()) as { occurrences: unknown[] }).occurrences.length === 1;
      if (!opened) await new Promise((r) => setTimeout(r, 200));
    }
    expect(opened).toBe(true);

    const bad = await fetch(`${base}/api/notices`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"to":["not-an-address"]}' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { issues: { path: string }[] }).issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['to.0', 'subject', 'text']),
    );

    expect(await stopEngine(engine)).toBe(0);
    expect(engine.output()).toContain('stopped cleanly');
    for (const port of Object.values(ports)) expect(await isPortFree(port)).toBe(true);

    // Second start: the same data directory, so the workflow history and the database survive.
    engine = startEngine(env);
    await waitForOutput(engine, /Press Ctrl-C to stop/);
    expect(engine.output()).toContain('database schema is up to date');
    const again = await post();
    expect(again.status).toBe(200); // Temporal still knows the workflow from before the restart
    expect(await emlFiles(mailDir)).toHaveLength(1);
    expect(await (await fetch(`${base}/api/assignments/${id}`)).json()).toMatchObject({ live: true, status: 'upcoming' });
    expect(await stopEngine(engine)).toBe(0);
  });

  it('loads the demo county into an empty embedded database, says so, mails within a minute, and never loads it twice', async () => {
    const dataDir = path.join(tmp, 'demo');
    const ports = await freePorts();
    const env = { ...engineEnv(dataDir, ports), DEMO: 'on' };
    const base = `http://127.0.0.1:${ports.http}`;
    engine = startEngine(env);
    await waitForOutput(engine, /Press Ctrl-C to stop/);
    expect(engine.output()).toContain('Demo:             the Exshire demo county (7 bodies, 16 people, 24 duties assigned, 1 open review, 2 statutory processes, 1 meeting, 3 actions)');
    expect(engine.output()).toContain('Start empty with DEMO=off');
    // Each workflow opens its occurrence as soon as the worker runs it.
    let overdue: unknown[] = [];
    for (let i = 0; i < 300 && overdue.length < 3; i++) {
      overdue = (await (await fetch(`${base}/api/occurrences?status=overdue`)).json()) as unknown[];
      if (overdue.length < 3) await new Promise((r) => setTimeout(r, 200));
    }
    expect(overdue.length).toBeGreaterThanOrEqual(3);
    const mailDir = path.join(dataDir, 'mail');
    for (let i = 0; i < 300 && (await emlFiles(mailDir)).length < 3; i++) await new Promise((r) => setTimeout(r, 200));
    expect((await emlFiles(mailDir)).length).toBeGreaterThanOrEqual(3);
    expect(await stopEngine(engine)).toBe(0);
    // With the demo's workflows the dev server can take a moment longer to let go of its ports.
    for (let i = 0; i < 150 && !(await Promise.all(Object.values(ports).map((port) => isPortFree(port)))).every(Boolean); i++) {
      await new Promise((r) => setTimeout(r, 200));
    }

    engine = startEngine(env);
    await waitForOutput(engine, /Press Ctrl-C to stop/);
    expect(engine.output()).not.toContain('Demo:');
    expect(((await (await fetch(`${base}/api/bodies`)).json()) as unknown[]).length).toBe(7);
    expect(await stopEngine(engine)).toBe(0);
  });

  it('stops with a one-line error, and stops what it had started, when a port is taken', async () => {
    const dataDir = path.join(tmp, 'port-taken');
    const ports = await freePorts();
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(ports.http, '127.0.0.1', resolve));
    try {
      engine = startEngine(engineEnv(dataDir, ports));
      expect(await engine.exited).toBe(1);
      expect(engine.output()).toContain(`duty-engine: port ${ports.http} is in use: stop whatever holds it or set HTTP_PORT to a free port`);
      expect(engine.output()).not.toMatch(/\n\s+at /); // no stack trace
      for (const port of [ports.postgres, ports.temporal, ports.ui, ports.smtp]) expect(await isPortFree(port)).toBe(true);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});

describe('bad input at start', () => {
  it('names the bad variable and exits 2', async () => {
    const engine = startEngine({ POSTGRES_PORT: 'abc', DUTY_ENGINE_DATA_DIR: path.join(tmp, 'never') });
    expect(await engine.exited).toBe(2);
    expect(engine.output().trim()).toBe('duty-engine: configuration error: POSTGRES_PORT="abc" is invalid: expected a whole number');
    await expect(fs.access(path.join(tmp, 'never'))).rejects.toThrow();
  });

  it('refuses an unwritable data directory before anything is written', async () => {
    const file = path.join(tmp, 'a-file');
    await fs.writeFile(file, '');
    const ports = await freePorts();
    const engine = startEngine(engineEnv(path.join(file, 'data'), ports));
    expect(await engine.exited).toBe(1);
    expect(engine.output()).toMatch(/duty-engine: the data directory .*a-file\/data is not writable \(ENOTDIR\): fix its permissions or set DUTY_ENGINE_DATA_DIR/);
  });

  it('reports an unreachable external database in one line, without its password', async () => {
    const ports = await freePorts();
    const url = `postgresql://duty:s3cret@127.0.0.1:${ports.postgres}/duty_engine`;
    const engine = startEngine({ ...engineEnv(path.join(tmp, 'no-db'), ports), DATABASE_URL: url });
    expect(await engine.exited).toBe(1);
    expect(engine.output()).toContain(`duty-engine: cannot prepare the database at postgresql://duty:***@127.0.0.1:${ports.postgres}/duty_engine:`);
    expect(engine.output()).toContain('(check DATABASE_URL, or unset it to use the embedded PostgreSQL)');
    expect(engine.output()).not.toContain('s3cret');
  });

  it('reports an unreachable external Temporal server in one line', async () => {
    const ports = await freePorts();
    const engine = startEngine({ ...engineEnv(path.join(tmp, 'unreachable'), ports), TEMPORAL_ADDRESS: `127.0.0.1:${ports.temporal}` });
    expect(await engine.exited).toBe(1);
    expect(engine.output()).toContain(`duty-engine: cannot reach Temporal at 127.0.0.1:${ports.temporal}`);
    for (const port of [ports.postgres, ports.smtp, ports.http]) expect(await isPortFree(port)).toBe(true);
  });
});

async function emlFiles(dir: string): Promise<string[]> {
  try {
    return (await fs.readdir(dir)).filter((f) => f.endsWith('.eml'));
  } catch {
    return [];
  }
}
