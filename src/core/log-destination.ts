import fs from 'node:fs';

/** Bytes gathered before a write; fewer wait at most FLUSH_MS. */
const BATCH_BYTES = 16 * 1024;
const FLUSH_MS = 250;
const RETRY_MS = 10;
/** Held at most while stdout does not take them (a stalled reader); lines beyond it are dropped. */
const MAX_HELD = 8 * 1024 * 1024;

/**
 * A batched log destination for a file descriptor (stdout by default).
 *
 * A line costs an array push; no request writes to the descriptor. Lines are joined and written
 * together every 16 KiB or 250 ms, about one write per hundred requests. pino's own asynchronous
 * destination (sonic-boom) measures the whole pending buffer's byte length on every line, about
 * 2 µs a line here, and a write it has handed to libuv's pool when the process exits is lost or
 * cut if the pool has not finished it. Here every write is a `writeSync` whose outcome is known, so
 * `flushSync`, run from the process's `exit` event (`process.exit` after SIGTERM/SIGINT in main.ts,
 * or a normal end), writes exactly what is left. A descriptor that answers EAGAIN (a full
 * non-blocking pipe) is tried again later; the request path never waits for it.
 */
export class BatchedDestination {
  private pending: string[] = [];
  private pendingBytes = 0;
  /** The part of a batch stdout has not taken yet. */
  private rest: Buffer | undefined;
  private timer: NodeJS.Timeout | undefined;
  private dropped = 0;
  private broken = false;

  constructor(private readonly fd = 1) {
    process.once('exit', () => this.flushSync());
  }

  write(line: string): void {
    if (this.broken) return;
    if (this.pendingBytes > MAX_HELD) {
      this.dropped += 1;
      return;
    }
    this.pending.push(line);
    // Characters, not bytes: close enough to size a batch, and free.
    this.pendingBytes += line.length;
    if (this.pendingBytes >= BATCH_BYTES && !this.rest) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), FLUSH_MS).unref();
  }

  /** Writes what is held as far as the descriptor takes it now; the rest waits for a retry. */
  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const data = this.take();
    let done = 0;
    try {
      while (done < data.length) done += fs.writeSync(this.fd, data, done);
    } catch (error) {
      // A closed pipe (EPIPE) or a bad descriptor: stop logging rather than fail requests.
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') this.broken = true;
    }
    if (done < data.length && !this.broken) {
      this.rest = data.subarray(done);
      this.timer = setTimeout(() => this.flush(), RETRY_MS).unref();
    }
  }

  /** Writes everything held, waiting for the descriptor if it must: for the process's last moments. */
  flushSync(): void {
    if (this.timer) clearTimeout(this.timer);
    const data = this.take();
    for (let done = 0; done < data.length && !this.broken; ) {
      try {
        done += fs.writeSync(this.fd, data, done);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') this.broken = true;
        else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, RETRY_MS);
      }
    }
  }

  /** What stdout has not taken yet, then the pending lines (and a note of any dropped), as one buffer. */
  private take(): Buffer {
    if (this.dropped > 0) {
      this.pending.push(`{"level":40,"time":${Date.now()},"msg":"${this.dropped} linhas de log descartadas: stdout não as aceitou"}\n`);
      this.dropped = 0;
    }
    const lines = Buffer.from(this.pending.join(''));
    const data = this.rest ? Buffer.concat([this.rest, lines]) : lines;
    this.pending = [];
    this.pendingBytes = 0;
    this.rest = undefined;
    return data;
  }
}

let stdout: BatchedDestination | undefined;

/** The process's one batched stdout, shared by every logger so their lines stay in order. */
export function batchedStdout(): BatchedDestination {
  return (stdout ??= new BatchedDestination(1));
}
