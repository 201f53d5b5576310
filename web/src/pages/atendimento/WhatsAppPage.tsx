import { Badge, Button, Code, Group, Image, Paper, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { atendimentoApi, SESSION_LABELS, whatsappSocketUrl, type SessionStatus } from '../../api/atendimento';
import { call } from '../../api/http';
import { PageHeader } from '../../components/PageHeader';
import { runAction } from '../../notify';
import { useApi } from '../../query/useApi';

const COLORS: Record<SessionStatus, string> = { disconnected: 'gray', connecting: 'yellow', qrcode: 'blue', authenticated: 'teal', ready: 'green' };
const PNG_B64 = 'iVBORw0KGgo';

/** Live session state from `/ws/whatsapp/`; reconnects after a drop, two seconds later. */
function useSessionEvents(initial: SessionStatus | undefined) {
  const [status, setStatus] = useState<SessionStatus | undefined>(initial);
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => setStatus((current) => current ?? initial), [initial]);
  useEffect(() => {
    let socket: WebSocket | null = null;
    let retry: number | undefined;
    let closed = false;
    const open = () => {
      socket = new WebSocket(whatsappSocketUrl());
      socket.onmessage = (event) => {
        const message = JSON.parse(String(event.data)) as { type: string; status?: SessionStatus; image_b64?: string };
        if (message.type === 'session_status' && message.status) {
          setStatus(message.status);
          if (message.status !== 'qrcode') setQr(null);
        }
        if (message.type === 'qrcode' && message.image_b64) setQr(message.image_b64);
      };
      socket.onclose = () => {
        if (!closed) retry = window.setTimeout(open, 2000);
      };
    };
    open();
    return () => {
      closed = true;
      window.clearTimeout(retry);
      socket?.close();
    };
  }, []);
  return { status, qr };
}

/** The company's one WhatsApp connection: its state live, the QR code while connecting, connect and disconnect. */
export default function WhatsAppPage() {
  const initial = useApi(atendimentoApi.sessionStatus, {});
  const { status, qr } = useSessionEvents(initial.data?.status);
  const active = status !== undefined && status !== 'disconnected';
  return (
    <Stack>
      <PageHeader title="Conexão WhatsApp" description="Uma sessão para o número da empresa, usada por todos os atendentes." />
      <Paper withBorder p="md">
        <Stack>
          <Group>
            <Text fw={600}>Estado:</Text>
            <Badge color={status ? COLORS[status] : 'gray'} size="lg" aria-live="polite">
              {status ? SESSION_LABELS[status] : 'Carregando…'}
            </Badge>
          </Group>
          {qr && (
            <Stack gap="xs">
              <Text size="sm">Leia o QR code com o WhatsApp do celular da empresa.</Text>
              {qr.startsWith(PNG_B64) ? <Image src={`data:image/png;base64,${qr}`} alt="QR code da sessão do WhatsApp" w={240} /> : <Code>{qr}</Code>}
            </Stack>
          )}
          <Group>
            <Button disabled={active} onClick={() => void runAction(() => call(atendimentoApi.sessionStart), 'Conexão iniciada.')}>
              Conectar
            </Button>
            <Button color="red" variant="light" disabled={!active} onClick={() => void runAction(() => call(atendimentoApi.sessionStop), 'Sessão encerrada.')}>
              Desconectar
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}
