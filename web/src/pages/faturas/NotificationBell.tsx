import { ActionIcon, Anchor, Button, Divider, Group, Indicator, Popover, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, useNavigate } from 'react-router-dom';
import { faturasApi, type Notificacao } from '../../api/faturas';
import { call } from '../../api/http';
import { useUser } from '../../auth/useSession';
import { formatDateTime } from '../../format';
import { runAction } from '../../notify';
import { invalidate, useApi } from '../../query/useApi';

const POLL_MS = 30_000;

function BellIcon() {
  return (
    <svg width={18} height={18} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} aria-hidden>
      <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

export const notificacaoLink = (n: Notificacao) => (n.processo_id ? `/faturas/processos/${n.processo_id}` : '/faturas/notificacoes');

/** The header's bell: unread faturas notifications (failed downloads, approvals waiting, due dates). */
export function NotificationBell() {
  const user = useUser();
  if (!user.modules.includes('faturas')) return null;
  return <Bell />;
}

function Bell() {
  const [opened, { toggle, close }] = useDisclosure(false);
  const navigate = useNavigate();
  const unread = useApi(faturasApi.listNotificacoes, { query: { lida: false, page_size: 8 } }, { refetchInterval: POLL_MS });
  const count = unread.data?.count ?? 0;
  const open = async (n: Notificacao) => {
    close();
    navigate(notificacaoLink(n));
    await call(faturasApi.markRead, { params: { id: n.id } }).catch(() => undefined);
    await invalidate(faturasApi.listNotificacoes);
  };
  const readAll = () => runAction(() => call(faturasApi.markAllRead), 'Notificações marcadas como lidas.').then(() => invalidate(faturasApi.listNotificacoes));

  return (
    // The popover's ARIA attributes (haspopup, controls) belong on the button, not on the indicator's div.
    <Indicator label={count > 99 ? '99+' : count} size={18} disabled={count === 0} color="red" offset={4}>
      <Popover opened={opened} onChange={(next) => !next && close()} position="bottom-end" width={340} shadow="md" trapFocus returnFocus>
        <Popover.Target>
          <ActionIcon variant="default" size="lg" onClick={toggle} aria-label={count ? `Notificações: ${count} não lidas` : 'Notificações'} aria-expanded={opened}>
            <BellIcon />
          </ActionIcon>
        </Popover.Target>
        <Popover.Dropdown p="xs">
          <Group justify="space-between" px={6} mb={4}>
            <Text fw={700} size="sm">
              Notificações
            </Text>
            {count > 0 && (
              <Button size="compact-xs" variant="subtle" onClick={() => void readAll()}>
                Marcar todas como lidas
              </Button>
            )}
          </Group>
          <Divider mb={4} />
          {unread.error ? (
            <Text size="sm" c="red" p={6}>
              {unread.error.message}
            </Text>
          ) : count === 0 ? (
            <Text size="sm" c="dimmed" p={6}>
              Nada novo. Avisamos aqui quando um download falhar, uma fatura esperar aprovação ou um vencimento se aproximar.
            </Text>
          ) : (
            <Stack gap={2} mah={360} style={{ overflowY: 'auto' }}>
              {unread.data?.results.map((n) => (
                <UnstyledButton key={n.id} onClick={() => void open(n)} p={6} style={{ borderRadius: 6 }}>
                  <Text size="sm" fw={600}>
                    {n.titulo}
                  </Text>
                  <Text size="xs" lineClamp={2}>
                    {n.mensagem}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(n.created_at)}
                  </Text>
                </UnstyledButton>
              ))}
            </Stack>
          )}
          <Divider mt={4} />
          <Anchor component={Link} to="/faturas/notificacoes" size="sm" onClick={close} display="block" p={6}>
            Ver todas
          </Anchor>
        </Popover.Dropdown>
      </Popover>
    </Indicator>
  );
}
