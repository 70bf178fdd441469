// Rendering: every piece of user content goes in as text (textContent), never as HTML; links only for
// http(s) URLs.

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name === 'text') {
      node.textContent = value;
    } else if (name.startsWith('on')) {
      node.addEventListener(name.substring(2), value);
    } else {
      node.setAttribute(name, value === true ? '' : value);
    }
  }
  children.flat().forEach((child) => child && node.append(child));
  return node;
}

/** Text with its http(s) URLs as links; everything else stays text. */
export function richText(text) {
  const parts = [];
  const pattern = /\bhttps?:\/\/[^\s<>"']+/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    parts.push(document.createTextNode(text.substring(last, match.index)));
    parts.push(el('a', { href: match[0], target: '_blank', rel: 'noopener noreferrer', text: match[0] }));
    last = match.index + match[0].length;
  }
  parts.push(document.createTextNode(text.substring(last)));
  return parts;
}

export function avatar(name, pictureUrl, online) {
  // The initials are always there, under the picture: one that cannot be loaded (offline, blocked, slow)
  // leaves them showing.
  const box = el('span', { class: 'avatar', 'aria-hidden': 'true', text: (name || '?').substring(0, 1).toUpperCase() });
  if (pictureUrl && /^https?:\/\//.test(pictureUrl)) {
    box.append(el('img', { src: pictureUrl, alt: '', onerror: (e) => e.target.remove() }));
  }
  if (online) {
    box.append(el('span', { class: 'dot' }));
  }
  return box;
}

export function time(iso) {
  const date = new Date(iso);
  const today = new Date();
  return date.toDateString() === today.toDateString()
      ? date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
      : date.toLocaleDateString();
}

export function day(iso) {
  return new Date(iso).toDateString();
}

/**
 * Redraws `container` with `draw()`, keeping keyboard focus where it was: on the same item (by its
 * `data-id`) and the same control in it. Lists and conversations are redrawn on every change; without
 * this, a presence or typing frame would take the focus away from someone using the keyboard.
 */
export function redraw(container, draw) {
  const active = document.activeElement;
  const item = active && container.contains(active) ? active.closest('[data-id]') : null;
  const controls = (node) => [node, ...node.querySelectorAll('button, [tabindex]')];
  const before = item ? { id: item.dataset.id, index: controls(item).indexOf(active) } : null;
  draw();
  if (before) {
    const again = container.querySelector('[data-id="' + CSS.escape(before.id) + '"]');
    if (again) {
      (controls(again)[before.index] || again).focus({ preventScroll: true });
    }
  }
}
