import type autocannon from 'autocannon';
import type { BenchContext, Scenario } from '../scenario.js';

// POST /api/v1/whatsapp/messages accepted per second: each 202 is a message row and its send job in
// one commit (durable), then the stub driver takes it through sent → delivered → read.
async function ready(ctx: BenchContext): Promise<void> {
  await ctx.call('POST', '/api/v1/whatsapp/session/start');
  for (;;) {
    if ((await ctx.call<{ status: string }>('GET', '/api/v1/whatsapp/session/status')).status === 'ready') return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// The queue is FIFO: once a message sent after the load has left `queued`, the load's backlog is gone.
async function drained(ctx: BenchContext): Promise<void> {
  const { message_id: id } = await ctx.call<{ message_id: string }>('POST', '/api/v1/whatsapp/messages', { to: '5511912345678', type: 'text', text: 'fim' });
  for (;;) {
    if ((await ctx.call<{ status: string }>('GET', `/api/v1/whatsapp/messages/${id}`)).status !== 'queued') return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export const scenarios: Scenario[] = [
  {
    name: 'send',
    group: 'atendimento',
    setup: ready,
    settle: drained,
    requests: (ctx) => {
      let next = 0;
      return [
        {
          method: 'POST',
          path: '/api/v1/whatsapp/messages',
          headers: { authorization: `Bearer ${ctx.token}`, 'content-type': 'application/json' },
          // Numbers vary so no two requests share a recipient; ids are the server's (no client_message_id).
          setupRequest: (request: autocannon.Request) => {
            next += 1;
            const body = { to: `55119${String(10_000_000 + (next % 80_000_000)).padStart(8, '0')}`, type: 'text', text: `Mensagem de carga ${next}` };
            return { ...request, body: JSON.stringify(body) };
          },
        },
      ];
    },
  },
];
