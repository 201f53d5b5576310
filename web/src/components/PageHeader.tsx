import { Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { ReactNode } from 'react';

interface PageHeaderProps {
  title: ReactNode;
  /** The browser tab's title when `title` is not plain text (`Nome · Clientes`). */
  documentTitle?: string;
  description?: ReactNode;
  actions?: ReactNode;
}

/** The page's one `h1`, and the tab title `<page> · Retaguarda`, so open tabs can be told apart. */
export function PageHeader({ title, documentTitle, description, actions }: PageHeaderProps) {
  const text = documentTitle ?? (typeof title === 'string' ? title : '');
  useDocumentTitle(text ? `${text} · Retaguarda` : 'Retaguarda');
  return (
    <Group justify="space-between" align="flex-end" mb="lg" gap="sm">
      <Stack gap={4} style={{ minWidth: 0 }}>
        <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>
          {title}
        </Title>
        {description && <Text c="dimmed">{description}</Text>}
      </Stack>
      {actions && (
        <Group gap="sm" className="no-print">
          {actions}
        </Group>
      )}
    </Group>
  );
}
