// The few screens written without React (the unlock screen, the shell's messages before React has loaded)
// build their elements with these. Every text is set as text, never as HTML.

export type Child = Node | string | null | false | undefined;

/** An element with attributes (false or undefined leaves one out), children, and event listeners. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | undefined> = {},
  children: Child[] = [],
  on: Partial<Record<keyof HTMLElementEventMap, (e: Event) => void>> = {},
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? '' : value);
  }
  for (const c of children) if (c) node.append(c);
  for (const [type, fn] of Object.entries(on)) node.addEventListener(type, fn as EventListener);
  return node;
}

/** A message announced at once, marked with a word as well as a colour: the markup of Field.tsx's Alert. */
export function alertBox(kind: 'error' | 'info', text: string): HTMLElement {
  return el('div', { class: `alert alert--${kind}`, role: kind === 'error' ? 'alert' : 'status' }, [el('strong', {}, [kind === 'error' ? 'Problem: ' : 'Note: ']), text]);
}
