import { createTheme, type CSSVariablesResolver } from '@mantine/core';

/**
 * WCAG 2.1 AA in both schemes. The primary is indigo 8 in light mode (indigo 6 only reaches 4.3:1 on
 * white). Filled colours pick black or white text, whichever contrasts more (`autoContrast` with the
 * luminance where both are equal, 0.179): yellow and green get black. Badges are the light variant
 * with their text a darker (light mode) or lighter (dark mode) shade than Mantine's default (global.css).
 */
export const theme = createTheme({
  primaryColor: 'indigo',
  // Shade 8 in both schemes: white text on it passes AA (5.8:1); the lighter dark-mode default does not.
  primaryShade: { light: 8, dark: 8 },
  autoContrast: true,
  luminanceThreshold: 0.179,
  defaultRadius: 'md',
  // Panels and dialogs open without animation for people whose system asks for reduced motion.
  respectReducedMotion: true,
  components: {
    Badge: { defaultProps: { variant: 'light' } },
    // The dialog's × is announced by name.
    Modal: { defaultProps: { closeButtonProps: { 'aria-label': 'Fechar' } } },
    Drawer: { defaultProps: { closeButtonProps: { 'aria-label': 'Fechar' } } },
  },
});

/** Only the greys change here; badge and light-button text colours are set in global.css. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': '#495057',
    '--mantine-color-anchor': 'var(--mantine-color-indigo-8)',
    '--mantine-color-placeholder': '#6c757d',
  },
  dark: {
    '--mantine-color-dimmed': '#adb5bd',
    '--mantine-color-anchor': 'var(--mantine-color-indigo-3)',
    '--mantine-color-placeholder': '#909296',
  },
});
