import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';
import { TextDecoder, TextEncoder } from 'node:util';

// Browsers have these; jsdom does not (react-router and the token reader use them).
Object.assign(globalThis, { TextEncoder, TextDecoder });

// jsdom lacks the layout APIs antd and ECharts probe; they only need them to exist.
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    dispatchEvent: () => false,
  }),
});

// rc-table measures the scrollbar through a pseudo-element's style, which jsdom does not compute (it logs "Not
// implemented" for each table); the element's own style answers the same there: no scrollbar.
const elementStyle = window.getComputedStyle.bind(window);
window.getComputedStyle = (element: Element) => elementStyle(element);

class NoResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
Object.assign(globalThis, { ResizeObserver: NoResizeObserver });

// rc-component's forms batch their watchers on a MessageChannel macrotask; a timer is the same to them.
class TimerMessageChannel {
  readonly port1: { onmessage: ((event: unknown) => void) | null } = { onmessage: null };
  readonly port2 = { postMessage: (data: unknown) => setTimeout(() => this.port1.onmessage?.({ data })) };
}
Object.assign(globalThis, { MessageChannel: TimerMessageChannel });

// antd renders much on each change: on a loaded two-core machine a page takes seconds to settle, a test minutes.
configure({ asyncUtilTimeout: 20000 });
jest.setTimeout(180000);
