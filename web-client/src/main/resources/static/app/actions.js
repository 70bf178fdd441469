// What can be done to a message once sent: react, reply, edit one's own, delete one's own (or any, as a
// group's admin), report someone else's. Rendering of reactions and reply quotes, as text.
import { el } from './ui.js';

export const THUMBS_UP = '\u{1F44D}';

/**
 * The buttons under a message; `may` says whether this user may edit, delete and report it, `on` has react,
 * reply, edit, remove and report handlers.
 */
export function actionBar(m, may, on) {
  if (m.deleted) {
    return null;
  }
  const reacted = (m.reactions || []).some((r) => r.emoji === THUMBS_UP && r.me);
  return el('div', { class: 'actions' },
      el('button', { type: 'button', 'aria-label': (reacted ? 'Remove ' : 'React with ') + THUMBS_UP,
        'aria-pressed': reacted ? 'true' : 'false', text: THUMBS_UP, onclick: () => on.react(m, !reacted) }),
      el('button', { type: 'button', text: 'Reply', onclick: () => on.reply(m) }),
      may.edit ? el('button', { type: 'button', text: 'Edit', onclick: () => on.edit(m) }) : null,
      may.delete ? el('button', { type: 'button', text: 'Delete', onclick: () => on.remove(m) }) : null,
      may.report ? el('button', { type: 'button', text: 'Report', onclick: () => on.report(m) }) : null);
}

export function reactionChips(m) {
  const reactions = (m.reactions || []).filter((r) => r.count > 0);
  return reactions.length === 0 ? null : el('div', { class: 'reactions' },
      ...reactions.map((r) => el('span', { class: 'chip' + (r.me ? ' me' : ''), 'aria-label': r.count + ' ' + r.emoji,
        text: r.emoji + ' ' + r.count })));
}

/** The quoted message a reply answers, with its sender's name from `nameOf`. */
export function quote(m, nameOf) {
  return m.replyTo ? el('blockquote', { class: 'quote', text: nameOf(m.replyTo.senderId) + ': ' + m.replyTo.preview })
      : null;
}

/** A `reactionsUpdated` frame applied to the message it is about. */
export function applyReaction(m, d, me) {
  const reactions = (m.reactions || []).map((r) => Object.assign({}, r));
  let entry = reactions.find((r) => r.emoji === d.emoji);
  if (!entry) {
    entry = { emoji: d.emoji, count: 0, me: false };
    reactions.push(entry);
  }
  entry.count = Math.max(0, entry.count + (d.added ? 1 : -1));
  if (d.userId === me) {
    entry.me = d.added;
  }
  m.reactions = reactions.filter((r) => r.count > 0);
}
