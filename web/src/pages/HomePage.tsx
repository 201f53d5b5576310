import { Anchor, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router-dom';
import { navigationFor } from '../auth/access';
import { useUser } from '../auth/useSession';
import { PageHeader } from '../components/PageHeader';

export default function HomePage() {
  const user = useUser();
  const sections = navigationFor(user);
  return (
    <>
      <PageHeader title={`Olá, ${user.nome_completo.split(' ')[0]}`} description="O que você quer fazer hoje?" />
      {sections.length === 0 ? (
        <Text c="dimmed">Nenhum módulo disponível para o seu perfil.</Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {sections.map((section) => (
            <Card key={section.label} withBorder padding="lg">
              <Title order={3} size="h4" mb="sm">
                {section.label}
              </Title>
              <Stack gap={4}>
                {section.items.map((item) => (
                  <Anchor key={item.to} component={Link} to={item.to}>
                    {item.label}
                  </Anchor>
                ))}
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
      )}
    </>
  );
}
