// WebSocket clients for bench/probes/atendimento.ts, in their own process: CLIENTS sockets on WS_URL
// (/ws/whatsapp/?token=…) noting when each message_status arrives, beside the event's own `ts`.
import WebSocket from 'ws';

const CLIENTS = Number(process.env.CLIENTS);
const url = process.env.WS_URL!;
const now = () => performance.timeOrigin + performance.now();

// [message_id|status, arrival, event ts] per message_status received.
const received: Array<[string, number, number]> = [];
const sockets: WebSocket[] = [];
for (let i = 0; i < CLIENTS; i++) {
  const socket = new WebSocket(url);
  socket.on('message', (raw) => {
    const message = JSON.parse(String(raw));
    if (message.type === 'message_status') received.push([`${message.message_id}|${message.status}`, now(), Date.parse(message.ts)]);
  });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  sockets.push(socket);
}
process.on('message', (message: { report?: boolean }) => {
  if (message.report) process.send!({ received }, () => process.exit(0));
});
process.send!({ connected: sockets.length });
