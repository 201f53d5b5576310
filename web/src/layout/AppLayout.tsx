import '@mantine/charts/styles.css';
import '@mantine/dates/styles.css';
import 'dayjs/locale/pt-br';
import { Anchor, AppShell, Burger, Center, Group, Loader } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { useDisclosure } from '@mantine/hooks';
import { Suspense, useEffect } from 'react';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { navigationFor } from '../auth/access';
import { useUser } from '../auth/useSession';
import { NotificationBell } from '../pages/faturas/NotificationBell';
import { withFaturas } from '../pages/faturas/routes';
import { NavMenu } from './NavMenu';
import { ThemeToggle } from './ThemeToggle';
import { LogoutButton, UserBadge } from './UserBadge';

// Dates, pickers and charts load with the signed-in shell, never with /login.
const DATES = { locale: 'pt-br', firstDayOfWeek: 0 } as const;

export default function AppLayout() {
  const user = useUser();
  const [opened, { toggle, close }] = useDisclosure();
  const { pathname } = useLocation();
  useEffect(close, [pathname, close]);

  return (
    <DatesProvider settings={DATES}>
      <a href="#conteudo" className="skip-link">
        Pular para o conteúdo
      </a>
      <AppShell header={{ height: 56 }} navbar={{ width: 250, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={opened ? 'Fechar menu' : 'Abrir menu'} />
              <Anchor component={Link} to="/" fw={700} size="lg" underline="never" c="inherit">
                Retaguarda
              </Anchor>
            </Group>
            <Group gap="sm" wrap="nowrap">
              <UserBadge user={user} visibleFrom="sm" />
              <NotificationBell />
              <ThemeToggle />
              <LogoutButton />
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="sm" aria-label="Menu principal">
          <NavMenu sections={withFaturas(navigationFor(user), user)} />
          <UserBadge user={user} hiddenFrom="sm" mt="md" align="flex-start" />
        </AppShell.Navbar>
        <AppShell.Main id="conteudo" tabIndex={-1} style={{ outline: 'none' }}>
          <Suspense
            fallback={
              <Center py="xl">
                <Loader aria-label="Carregando" />
              </Center>
            }
          >
            <Outlet />
          </Suspense>
        </AppShell.Main>
      </AppShell>
    </DatesProvider>
  );
}
