import { NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { Link, useLocation } from 'react-router-dom';
import type { NavSection } from '../auth/access';
import { useUser } from '../auth/useSession';
import { withFiscal } from '../pages/fiscal/routes';
import { withAtendimento } from '../pages/atendimento/routes';

export function NavMenu({ sections }: { sections: NavSection[] }) {
  const { pathname } = useLocation();
  const user = useUser();
  const isActive = (to: string) => pathname === to || pathname.startsWith(`${to}/`);
  return (
    <ScrollArea type="auto" style={{ flex: 1 }}>
      <Stack gap="md">
        <NavLink component={Link} to="/" label="Início" active={pathname === '/'} aria-current={pathname === '/' ? 'page' : undefined} />
        {withAtendimento(withFiscal(sections, user), user).map((section) => (
          <Stack key={section.label} gap={2}>
            <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm">
              {section.label}
            </Text>
            {section.items.map((item) => (
              <NavLink
                key={item.to}
                component={Link}
                to={item.to}
                label={item.label}
                active={isActive(item.to)}
                aria-current={isActive(item.to) ? 'page' : undefined}
              />
            ))}
          </Stack>
        ))}
      </Stack>
    </ScrollArea>
  );
}
