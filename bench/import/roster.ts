import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export const IMPORT_MUTATION = `mutation Import($file: Upload!) {
  importContacts(file: $file, columnMap: {email: "email", firstName: "first_name", lastName: "last_name", unsubscribed: "unsubscribed",
    properties: [{key: "plan", column: "plan", type: STRING}, {key: "score", column: "score", type: NUMBER}]}) {
    __typename ... on ContactImport { id } ... on ValidationError { issues { path message } } ... on Error { message }
  }
}`;

const PROGRESS_SUBSCRIPTION = 'subscription($id: ID!) { importProgress(id: $id) { status stagedRows error counts { total created updated skipped failed } } }';

export interface Counts {
  total: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
}

export interface ProgressEvent {
  at: number;
  status: string;
  stagedRows: number;
  error: string | null;
  counts: Counts;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The real server (`node --import tsx packages/server/src/main.ts`) as a child process. */
export class RosterServer {
  readonly apiKey: string;
  /** The server's last lines of output, for error reports. */
  readonly tail: string[] = [];

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    apiKey: string,
  ) {
    this.apiKey = apiKey;
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  static async start(databaseUrl: string, log: (line: string) => void): Promise<RosterServer> {
    const port = await freePort();
    const apiKey = randomBytes(15).toString('hex'); // 30 characters
    const child = spawn(process.execPath, ['--import', 'tsx', 'packages/server/src/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        ROSTER_API_KEY: apiKey,
        PORT: String(port),
        HOST: '127.0.0.1',
        ROSTER_IMPORT_CONCURRENCY: '1',
        NODE_ENV: 'production',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const server = new RosterServer(child, port, apiKey);
    const remember = (prefix: string) => (data: Buffer) => {
      // biome-ignore lint/suspicious/noControlCharactersInRegex: strips the colours of the server's log
      for (const line of data.toString().replace(/\x1b\[[0-9;]*m/g, '').split('\n')) {
        if (!line.trim()) continue;
        server.tail.push(line);
        if (server.tail.length > 200) server.tail.shift();
        // Anything the server says while importing (retries, errors) is worth seeing.
        if (prefix === 'stderr' || !/^(Roster is listening|\[migrator\])/.test(line)) log(`  [roster ${prefix}] ${line}`);
      }
    };
    child.stdout?.on('data', remember('stdout'));
    child.stderr?.on('data', remember('stderr'));
    await new Promise<void>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the Roster server exited (${code}) while starting:\n${server.tail.join('\n')}`));
      child.once('exit', onExit);
      const onData = (data: Buffer) => {
        if (!data.toString().includes('Roster is listening')) return;
        child.stdout?.off('data', onData);
        child.off('exit', onExit);
        resolve();
      };
      child.stdout?.on('data', onData);
    });
    return server;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  async stop(): Promise<void> {
    if (!this.alive) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
      this.child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      this.child.kill('SIGTERM');
    });
  }

  /**
   * POSTs the file as a GraphQL multipart request (operations, map, then the file), streamed from
   * disk with a Content-Length; resolves with the parsed JSON answer.
   */
  upload(path: string): Promise<{ status: number; body: unknown }> {
    const boundary = `----roster-bench-${randomBytes(12).toString('hex')}`;
    const operations = JSON.stringify({ query: IMPORT_MUTATION, variables: { file: null } });
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="operations"\r\nContent-Type: application/json\r\n\r\n${operations}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="map"\r\nContent-Type: application/json\r\n\r\n${JSON.stringify({ 0: ['variables.file'] })}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="0"; filename="${basename(path)}"\r\nContent-Type: text/csv\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const length = head.length + statSync(path).size + tail.length;
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: this.port,
          method: 'POST',
          path: '/graphql',
          headers: {
            authorization: `Bearer ${this.apiKey}`,
            'content-type': `multipart/form-data; boundary=${boundary}`,
            'content-length': length,
            'x-graphql-yoga-csrf': '1',
            accept: 'application/graphql-response+json, application/json',
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString();
            try {
              resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) });
            } catch {
              resolve({ status: res.statusCode ?? 0, body: text });
            }
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.write(head);
      const file = createReadStream(path, { highWaterMark: 256 * 1024 });
      file.on('error', reject);
      file.pipe(req, { end: false });
      file.on('end', () => req.end(tail));
    });
  }

  /**
   * Follows `importProgress(id)` over SSE (GraphQL over SSE, distinct connections mode): every
   * `event: next` frame to `onEvent`, resolving with the last state at `event: complete`.
   */
  follow(id: string, onEvent: (event: ProgressEvent) => void): Promise<ProgressEvent> {
    const body = JSON.stringify({ query: PROGRESS_SUBSCRIPTION, variables: { id } });
    return new Promise((resolve, reject) => {
      let last: ProgressEvent | null = null;
      const req = request(
        {
          host: '127.0.0.1',
          port: this.port,
          method: 'POST',
          path: '/graphql',
          headers: {
            authorization: `Bearer ${this.apiKey}`,
            'content-type': 'application/json',
            accept: 'text/event-stream',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          if (res.statusCode !== 200) {
            let text = '';
            res.on('data', (c: Buffer) => {
              text += c.toString();
            });
            res.on('end', () => reject(new Error(`importProgress answered HTTP ${res.statusCode}: ${text}`)));
            return;
          }
          res.setEncoding('utf8');
          let buffer = '';
          let completed = false;
          res.on('data', (chunk: string) => {
            buffer += chunk;
            for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
              const frame = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              let event = 'message';
              let data = '';
              for (const line of frame.split('\n')) {
                if (line.startsWith('event:')) event = line.slice(6).trim();
                else if (line.startsWith('data:')) data += line.slice(5).trim();
              }
              if (event === 'complete') {
                completed = true;
                res.destroy();
                if (last) resolve(last);
                else reject(new Error('importProgress completed without sending a state'));
                return;
              }
              if (event !== 'next' || !data) continue;
              const payload = JSON.parse(data) as { data?: { importProgress?: Omit<ProgressEvent, 'at'> }; errors?: unknown };
              const state = payload.data?.importProgress;
              if (!state) {
                completed = true;
                res.destroy();
                reject(new Error(`importProgress sent an error: ${JSON.stringify(payload.errors ?? payload)}`));
                return;
              }
              last = { ...state, at: performance.now() };
              onEvent(last);
            }
          });
          res.on('end', () => {
            if (!completed) reject(new Error(`importProgress ended without "event: complete" (last state: ${JSON.stringify(last)})`));
          });
          res.on('error', (error) => {
            if (!completed) reject(error);
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }
}

/** Resident memory of a process in MB, sampled from /proc: the current (VmRSS) and the high-water mark (VmHWM). */
export function memoryMb(pid: number): { rss: number; hwm: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
    return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
  } catch {
    return { rss: 0, hwm: 0 };
  }
}

/** CPU seconds (user + system) a process has used. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return 0;
  }
}

/** Busy and total jiffies of the whole machine, for "machine busy %" over a phase. */
export function machineTicks(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const values = line.split(/\s+/).slice(1).map(Number);
  const total = values.reduce((a, b) => a + b, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { busy: total - idle, total };
}
