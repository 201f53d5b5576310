// WebSocket clients for bench/probes/rpa.ts, in their own process: CLIENTS sockets on WS_URL that
// subscribe to the jobs they are told and note when each job_update arrives.
import WebSocket from 'ws';

const CLIENTS = Number(process.env.CLIENTS);
const url = process.env.WS_URL!;
const now = () => performance.timeOrigin + performance.now();
const key = (m: { job_id: string; data: { status: string; progress: number } }) => `${m.job_id}|${m.data.status}|${m.data.progress}`;

const received: Array<[string, number]> = [];
const sockets: WebSocket[] = [];
for (let i = 0; i < CLIENTS; i++) {
  const socket = new WebSocket(url);
  socket.on('message', (raw) => {
    const message = JSON.parse(String(raw));
    if (message.type === 'job_update') received.push([key(message), now()]);
  });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  sockets.push(socket);
}
process.on('message', (message: { subscribe?: string[]; report?: boolean }) => {
  if (message.subscribe) {
    for (const socket of sockets) for (const id of message.subscribe) socket.send(JSON.stringify({ action: 'subscribe', job_id: id }));
    setTimeout(() => process.send!({ subscribed: true }), 1000);
  }
  if (message.report) {
    process.send!({ received }, () => process.exit(0));
  }
});
process.send!({ connected: sockets.length });
