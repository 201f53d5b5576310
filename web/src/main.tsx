import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { createTheme, localStorageColorSchemeManager, MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router-dom';
import { session } from './auth/session';
import { router } from './router';

// Panels and dialogs open without animation for people whose system asks for reduced motion.
const theme = createTheme({ primaryColor: 'indigo', defaultRadius: 'md', respectReducedMotion: true });
const colorSchemeManager = localStorageColorSchemeManager({ key: 'retaguarda.tema' });

void session.start();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} colorSchemeManager={colorSchemeManager} defaultColorScheme="light">
      <Notifications position="bottom-right" />
      <RouterProvider router={router} />
    </MantineProvider>
  </StrictMode>,
);
