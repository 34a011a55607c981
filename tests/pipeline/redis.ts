/**
 * A real redis-server on a free loopback port and `newsstance worker` processes, for the BullMQ
 * executor tests (no mocks). Everything started here is stopped by `stop()`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { CLI } from './helpers.js';

/** The redis-server binary, or undefined when the machine has none (the tests skip, saying so). */
export function redisServerBinary(): string | undefined {
  const r = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? 'redis-server' : undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Sends one inline command and returns the first reply line. */
export async function redisCommand(port: number, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('error', reject);
    socket.once('data', (data) => {
      socket.end();
      resolve(data.toString('utf8').split('\r\n')[0]!);
    });
    socket.write(`${command}\r\n`);
  });
}

export interface Worker {
  child: ChildProcess;
  /** stderr lines so far. */
  lines: string[];
  /** Jobs done so far (one stderr line each). */
  jobs(): number;
}

export class RedisHarness {
  private server?: ChildProcess;
  readonly workers: Worker[] = [];
  port = 0;
  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.port = await freePort();
    this.server = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      try {
        if ((await redisCommand(this.port, 'PING')) === '+PONG') return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('redis-server did not start');
  }

  /** A worker process, resolved once it says it is ready. */
  async worker(extra: string[] = [], cli = CLI): Promise<Worker> {
    const child = spawn(process.execPath, [cli, 'worker', '--redis', this.url, '--lock-ms', '1000', ...extra], { stdio: ['ignore', 'ignore', 'pipe'] });
    const lines: string[] = [];
    const worker: Worker = { child, lines, jobs: () => lines.filter((l) => / (ok|set aside) \d+ ms$/.test(l)).length };
    this.workers.push(worker);
    await new Promise<void>((resolve, reject) => {
      let buffered = '';
      child.stderr!.setEncoding('utf8');
      child.stderr!.on('data', (chunk: string) => {
        buffered += chunk;
        const parts = buffered.split('\n');
        buffered = parts.pop()!;
        lines.push(...parts);
        if (parts.some((l) => l.includes(' ready: '))) resolve();
      });
      child.once('exit', (code) => reject(new Error(`worker exited (${code}): ${lines.join('\n')}`)));
    });
    return worker;
  }

  async flush(): Promise<void> {
    await redisCommand(this.port, 'FLUSHALL');
  }

  async stop(): Promise<void> {
    for (const w of this.workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    if (this.server && this.server.exitCode === null) {
      const exited = new Promise((r) => this.server!.once('exit', r));
      this.server.kill('SIGKILL');
      await exited;
    }
  }
}
