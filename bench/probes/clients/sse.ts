// SSE clients for bench/probes/events.ts, in their own process: opens streams on SSE_URL when told,
// notes when each event id arrives on each stream, and reports over IPC.
import http from 'node:http';

// `done` once every stream has every event.
const EXPECTED = Number(process.env.EXPECTED);
const url = process.env.SSE_URL!;
const now = () => performance.timeOrigin + performance.now();

/** Receipt time of every event on every stream, as flat [id, time, id, time, …]. */
const received: number[] = [];
const streams: http.ClientRequest[] = [];

function open(): Promise<void> {
  return new Promise((resolve, reject) => {
    // agent: false gives each stream its own socket, as separate browsers would have.
    const request = http.get(url, { agent: false, headers: { accept: 'text/event-stream' } }, (response) => {
      if (response.statusCode !== 200) return reject(new Error(`SSE respondeu ${response.statusCode}`));
      response.setEncoding('utf8');
      let buffer = '';
      response.on('data', (chunk: string) => {
        const at = now();
        buffer += chunk;
        const events = buffer.split('\n\n');
        buffer = events.pop()!;
        for (const event of events) {
          const id = /^id: (\d+)$/m.exec(event)?.[1];
          if (id === undefined) continue;
          received.push(Number(id), at);
          if (received.length === EXPECTED * 2) process.send!({ done: true });
        }
      });
      resolve();
    });
    request.on('error', reject);
    streams.push(request);
  });
}

process.on('message', async (message: { open?: number; report?: boolean }) => {
  if (message.open) {
    for (let i = 0; i < message.open; i++) await open();
    process.send!({ opened: streams.length });
  }
  if (message.report) {
    for (const stream of streams) stream.destroy();
    process.send!({ received }, () => process.exit(0));
  }
});
process.send!({ ready: true });
