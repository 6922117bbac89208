/** Whether the page is hidden, and notice when that changes. Injectable for tests. */
export interface VisibilitySource {
  isHidden(): boolean;
  /** Returns a function that stops the notifications. */
  onChange(listener: (hidden: boolean) => void): () => void;
}

interface DocumentLike {
  visibilityState?: string;
  addEventListener(type: 'visibilitychange', listener: () => void): void;
  removeEventListener(type: 'visibilitychange', listener: () => void): void;
}

/** The browser's `document` visibility, or undefined outside a browser. */
export function documentVisibility(): VisibilitySource | undefined {
  const doc = (globalThis as { document?: DocumentLike }).document;
  if (!doc || typeof doc.addEventListener !== 'function') return undefined;
  const hidden = (): boolean => doc.visibilityState === 'hidden';
  return {
    isHidden: hidden,
    onChange(listener) {
      const handler = (): void => listener(hidden());
      doc.addEventListener('visibilitychange', handler);
      return () => doc.removeEventListener('visibilitychange', handler);
    },
  };
}
