import { Button, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useRouteError } from 'react-router-dom';

/** What a page that crashed shows instead of React Router's developer screen: what happened and a way on. */
export function RouteError() {
  const error = useRouteError();
  useDocumentTitle('Erro · Retaguarda');
  return (
    <Stack align="center" py="xl" px="md" gap="sm" ta="center">
      <Title order={1} size="h2">
        Algo deu errado nesta página
      </Title>
      <Text c="dimmed">Recarregue a página. Se continuar, avise o suporte com o texto abaixo.</Text>
      <Text size="sm" ff="monospace" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
        {error instanceof Error ? error.message : String(error)}
      </Text>
      <Button onClick={() => window.location.reload()} mt="md">
        Recarregar
      </Button>
    </Stack>
  );
}
