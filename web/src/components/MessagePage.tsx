import { Button, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router-dom';

export function MessagePage({ code, title, text }: { code: string; title: string; text: string }) {
  return (
    <Stack align="center" py="xl" gap="sm" ta="center">
      <Text fz={64} fw={800} c="dimmed" lh={1}>
        {code}
      </Text>
      <Title order={2}>{title}</Title>
      <Text c="dimmed">{text}</Text>
      <Button component={Link} to="/" variant="light" mt="md">
        Voltar ao início
      </Button>
    </Stack>
  );
}
