// What a user of the api node holds open while jobs run elsewhere: an SSE stream and a WebSocket.
import WebSocket from 'ws';

export interface JobUpdate {
  type: string;
  job_id?: string;
  data?: { status?: string; progress?: number; operadora?: string };
}

/** Every `data:` message of an event stream, parsed, as it arrives. */
export async function openSse(url: string): Promise<{ messages: JobUpdate[]; close(): void }> {
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal });
  if (!String(response.headers.get('content-type')).startsWith('text/event-stream')) {
    throw new Error(`SSE ${url.split('?')[0]}: HTTP ${response.status}`);
  }
  const messages: JobUpdate[] = [];
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const data = buffer
            .slice(0, end)
            .split('\n')
            .filter((line) => line.startsWith('data: '))
            .map((line) => line.slice(6))
            .join('\n');
          buffer = buffer.slice(end + 2);
          if (data) messages.push(JSON.parse(data) as JobUpdate);
        }
      }
    } catch {
      // Ended by close().
    }
  })();
  return { messages, close: () => controller.abort() };
}

/** A WebSocket to /ws/notifications; `subscribe` names a job to follow. */
export async function openWs(url: string): Promise<{ messages: JobUpdate[]; subscribe(jobId: string): void; close(): void }> {
  const socket = new WebSocket(url);
  const messages: JobUpdate[] = [];
  socket.on('message', (raw) => messages.push(JSON.parse(String(raw)) as JobUpdate));
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  return {
    messages,
    subscribe: (jobId) => socket.send(JSON.stringify({ action: 'subscribe', job_id: jobId })),
    close: () => socket.close(),
  };
}

/** The last status a client saw for each job. */
export function lastStatuses(messages: JobUpdate[]): Map<string, string> {
  const seen = new Map<string, string>();
  for (const m of messages) if (m.type === 'job_update' && m.job_id && m.data?.status) seen.set(m.job_id, m.data.status);
  return seen;
}
