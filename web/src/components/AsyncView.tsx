import { Alert, Button, Center, Group, Loader, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Resource } from '../hooks/useResource';

interface AsyncViewProps<T> {
  resource: Resource<T>;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}

/** The loading, error and empty states every list and page shares. */
export function AsyncView<T>({ resource, isEmpty, empty = 'Nada por aqui ainda.', children }: AsyncViewProps<T>) {
  const { data, error, reload } = resource;
  return (
    <>
      {error && (
        <Alert color="red" title="Não foi possível carregar" role="alert" mb="md">
          <Group justify="space-between">
            <Text size="sm">{error.message}</Text>
            <Button size="xs" variant="light" color="red" onClick={reload}>
              Tentar novamente
            </Button>
          </Group>
        </Alert>
      )}
      {data === undefined ? (
        !error && (
          <Center py="xl">
            <Loader aria-label="Carregando" />
          </Center>
        )
      ) : isEmpty?.(data) ? (
        <Text c="dimmed" ta="center" py="xl">
          {empty}
        </Text>
      ) : (
        children(data)
      )}
    </>
  );
}
