import { Button, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link } from 'react-router-dom';

export function MessagePage({ code, title, text }: { code: string; title: string; text: string }) {
  useDocumentTitle(`${title} · Retaguarda`);
  return (
    <Stack align="center" py="xl" gap="sm" ta="center">
      <Text fz={64} fw={800} c="dimmed" lh={1}>
        {code}
      </Text>
      <Title order={1} size="h2">
        {title}
      </Title>
      <Text c="dimmed">{text}</Text>
      <Button component={Link} to="/" variant="light" mt="md">
        Voltar ao início
      </Button>
    </Stack>
  );
}
