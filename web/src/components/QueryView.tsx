import { Alert, Button, Group, Skeleton, Stack, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { ApiError } from '../api/errors';
import { MessagePage } from './MessagePage';

interface QueryViewProps<T> {
  query: UseQueryResult<T, ApiError>;
  /** Title of the page shown when the record does not exist (a 404, or an id that cannot be one). */
  notFound?: string;
  children: (data: T) => ReactNode;
}

/** A record's page: skeleton while loading, a 404 page for a missing record, an error with retry, then the content. */
export function QueryView<T>({ query, notFound = 'Registro não encontrado', children }: QueryViewProps<T>) {
  if (query.data !== undefined) return <>{children(query.data)}</>;
  if (query.error?.status === 404 || query.error?.status === 422) return <RecordNotFound title={notFound} />;
  if (query.error) {
    return (
      <Alert color="red" title="Não foi possível carregar" role="alert">
        <Group justify="space-between">
          <Text size="sm">{query.error.message}</Text>
          <Button size="xs" variant="light" color="red" onClick={() => void query.refetch()}>
            Tentar novamente
          </Button>
        </Group>
      </Alert>
    );
  }
  return (
    <Stack gap="md" aria-busy aria-label="Carregando" role="status">
      <Skeleton height={32} width="40%" />
      <Skeleton height={80} />
      <Skeleton height={200} />
    </Stack>
  );
}

export function RecordNotFound({ title }: { title: string }) {
  return <MessagePage code="404" title={title} text="Confira o endereço, ou volte e escolha da lista." />;
}

/** A route parameter that must be a positive id; NaN otherwise (the page then shows its 404 without asking the API). */
export function idParam(value: string | undefined): number {
  return value && /^\d{1,10}$/.test(value) && Number(value) > 0 ? Number(value) : Number.NaN;
}
