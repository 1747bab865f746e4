import type { ThemeConfig } from 'antd';

/**
 * Ant Design's defaults with text and accents dark enough for WCAG 2 AA contrast (4.5:1 on white and on the
 * selected menu item's tint): its secondary text, placeholders, empty states and #1677ff accents fall short of
 * it (coloured tags: console.css). The browser suite checks every page it visits with axe-core.
 */
export const CONSOLE_THEME: ThemeConfig = {
  token: {
    colorPrimary: '#0050b3',
    colorLink: '#0050b3',
    colorTextSecondary: 'rgba(0, 0, 0, 0.66)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.62)',
  },
  // A table with no rows says so in its disabled colour, which reads as a message, not as a disabled control.
  components: { Table: { colorTextDisabled: 'rgba(0, 0, 0, 0.62)' } },
};
