import { Badge, Button, Stack, Text, type StackProps } from '@mantine/core';
import { useNavigate } from 'react-router-dom';
import type { SessionUser } from '../api/auth';
import { PERFIL_LABELS } from '../auth/access';
import { session } from '../auth/session';

export function UserBadge({ user, ...props }: { user: SessionUser } & StackProps) {
  return (
    <Stack gap={0} align="flex-end" {...props}>
      <Text size="sm" fw={600} lh={1.2}>
        {user.nome_completo}
      </Text>
      <Badge size="xs" variant="light">
        {PERFIL_LABELS[user.perfil]}
      </Badge>
    </Stack>
  );
}

export function LogoutButton() {
  const navigate = useNavigate();
  const logout = async () => {
    await session.logout();
    navigate('/login', { replace: true });
  };
  return (
    <Button variant="subtle" onClick={logout}>
      Sair
    </Button>
  );
}
