import { useEffect, useRef } from 'react';

export type KeyHandler = (e: KeyboardEvent) => void;

function typingInField(e: KeyboardEvent): boolean {
  const el = e.target as HTMLElement | null;
  if (!el) return false;
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable;
}

/**
 * Single-key shortcuts (j, k, r, n, /, ?) that never fire while the agent types in a field, and
 * chorded ones (mod+Enter) that do. Keys: 'j', '?', 'Enter', 'mod+Enter'.
 */
export function useShortcuts(map: Record<string, KeyHandler>, enabled = true): void {
  const ref = useRef(map);
  ref.current = map;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.key === 'Enter') {
        const h = ref.current['mod+Enter'];
        if (h) {
          e.preventDefault();
          h(e);
        }
        return;
      }
      if (mod || e.altKey || typingInField(e)) return;
      if (document.querySelector('.ant-modal-wrap:not([style*="display: none"]) .ant-modal')) return;
      const h = ref.current[e.key];
      if (h) {
        e.preventDefault();
        h(e);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}

export const SHORTCUTS: ReadonlyArray<{ keys: string; label: string }> = [
  { keys: 'j / k', label: 'shortcuts.move' },
  { keys: 'Enter', label: 'shortcuts.open' },
  { keys: 'x', label: 'shortcuts.select' },
  { keys: 'r', label: 'shortcuts.reply' },
  { keys: 'n', label: 'shortcuts.note' },
  { keys: 'Ctrl/⌘ + Enter', label: 'shortcuts.send' },
  { keys: '/', label: 'shortcuts.search' },
  { keys: 'c', label: 'shortcuts.create' },
  { keys: 'Esc', label: 'shortcuts.back' },
  { keys: '?', label: 'shortcuts.help' },
];
