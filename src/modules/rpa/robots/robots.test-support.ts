import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createFsBlobStore, type BlobStore } from '../../../core/storage/index.js';
import type { RobotContext, RobotLogLevel } from './robot-session.js';

/** Shared by the robot tests only. */

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** `skip` option for browser tests: they need the system Chromium and never download one. */
export const skipWithoutChromium: string | false = fs.existsSync(CHROMIUM_PATH)
  ? false
  : `Chromium não encontrado em ${CHROMIUM_PATH}: instale com \`apt-get install -y chromium\` (ou defina CHROMIUM_PATH)`;

/** A fresh directory-backed store per test: the same adapter the embedded service uses. */
export function tempBlobStore(): { storage: BlobStore; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'robots-'));
  return { storage: createFsBlobStore(dir), cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export async function readBlob(storage: BlobStore, key: string): Promise<Buffer | null> {
  const blob = await storage.get(key);
  if (!blob) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of blob.body) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

export interface RecordingContext extends RobotContext {
  lines: Array<{ level: RobotLogLevel; message: string }>;
  progressed: Array<{ value: number; message?: string }>;
  controller: AbortController;
  /** Every log line and progress message, joined, to search for leaked secrets. */
  transcript(): string;
}

export function recordingContext(storage: BlobStore): RecordingContext {
  const controller = new AbortController();
  const lines: RecordingContext['lines'] = [];
  const progressed: RecordingContext['progressed'] = [];
  return {
    signal: controller.signal,
    controller,
    storage,
    lines,
    progressed,
    log: (level, message) => lines.push({ level, message }),
    progress: (value, message) => progressed.push({ value, message }),
    transcript: () => [...lines.map((l) => l.message), ...progressed.map((p) => p.message ?? '')].join('\n'),
  };
}

/** Everything an error exposes, as text: message, stack, own fields, and the cause chain. */
export function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const own = JSON.stringify(error, Object.getOwnPropertyNames(error));
  return [String(error), error.stack ?? '', own, error.cause ? errorText(error.cause) : ''].join('\n');
}
