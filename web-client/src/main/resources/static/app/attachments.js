// Files in messages: choosing or dropping files uploads them at once (a progress bar; the server decides what
// each is from its bytes), they wait in a tray until the message is sent with them; in the conversation pictures
// show as thumbnails (a click opens the full picture) and other files as chips with name and size. Files are
// fetched through short-lived signed links the server gives to members only.
import { api, uploadFile } from './api.js';
import { $, state } from './state.js';
import { el } from './ui.js';

const links = new Map();          // upload id -> {url, thumbnailUrl, expiresAt}
const REFRESH_BEFORE_MS = 30_000;

export function initAttachments(onChange = () => {}) {
  const input = $('file-input');
  $('attach').onclick = () => input.click();
  input.onchange = () => {
    uploadAll([...input.files], onChange);
    input.value = '';
  };
  const pane = $('conversation');
  pane.addEventListener('dragover', (e) => {
    if (state.current && e.dataTransfer && [...e.dataTransfer.types].includes('Files')) {
      e.preventDefault();
      pane.classList.add('dropping');
    }
  });
  pane.addEventListener('dragleave', () => pane.classList.remove('dropping'));
  pane.addEventListener('drop', (e) => {
    pane.classList.remove('dropping');
    if (state.current && e.dataTransfer && e.dataTransfer.files.length > 0) {
      e.preventDefault();
      uploadAll([...e.dataTransfer.files], onChange);
    }
  });
  $('viewer-close').onclick = () => $('viewer').close();
}

/** Uploads one file after the other into the tray. */
async function uploadAll(files, onChange) {
  for (const file of files) {
    const progress = $('upload-progress');
    progress.hidden = false;
    progress.value = 0;
    $('upload-name').textContent = file.name;
    try {
      const uploaded = await uploadFile(file, (fraction) => { progress.value = Math.round(fraction * 100); });
      state.tray.push(uploaded.attachment);
    } catch (e) {
      $('upload-error').textContent = file.name + ': ' + e.message;
    } finally {
      progress.hidden = true;
      $('upload-name').textContent = '';
    }
    renderTray(onChange);
  }
}

/** The files waiting to go with the next message, each removable. */
export function renderTray(onChange = () => {}) {
  $('tray').replaceChildren(...state.tray.map((a, i) => el('span', { class: 'chip file', 'data-upload': a.id },
      a.name + ' · ' + size(a.size),
      el('button', { type: 'button', 'aria-label': 'Remove ' + a.name, text: '✕', onclick: () => {
        state.tray.splice(i, 1);
        renderTray(onChange);
      } }))));
  $('tray').hidden = state.tray.length === 0;
  if (state.tray.length === 0) {
    $('upload-error').textContent = '';
  }
  onChange();
}

/** What a message shows of its attachments: thumbnails of pictures, chips for other files. */
export function attachmentsNode(m) {
  const attachments = (m.attachments || []).filter((a) => a && (a.id || a.url));
  if (m.deleted || attachments.length === 0) {
    return null;
  }
  return el('div', { class: 'attachments' }, ...attachments.map((a) => (a.id && a.thumbnailUrl
      ? picture(a) : fileChip(a))));
}

function picture(a) {
  const img = el('img', { class: 'thumb', alt: a.name || 'picture', 'data-attachment': a.id,
    width: a.width && a.height ? Math.min(240, a.width) : null,
    height: a.width && a.height ? Math.round(Math.min(240, a.width) * a.height / a.width) : null });
  withLink(a.id, (link) => { img.src = link.thumbnailUrl; });
  return el('button', { type: 'button', class: 'picture', 'aria-label': 'Open ' + (a.name || 'picture'),
    onclick: () => open(a) }, img);
}

function fileChip(a) {
  const label = (a.name || 'file') + (a.size ? ' · ' + size(a.size) : '');
  if (!a.id) {
    // A link the sender gave (the original app's attachments): shown as a link, never loaded into the page.
    return el('a', { class: 'chip file', href: a.url, target: '_blank', rel: 'noopener noreferrer', text: label });
  }
  return el('button', { type: 'button', class: 'chip file', 'data-attachment': a.id, text: label,
    onclick: () => withLink(a.id, (link) => { window.location.assign(link.url); }) });
}

/** The full picture in a dialog, with its name and a way to save it. */
function open(a) {
  withLink(a.id, (link) => {
    $('viewer-image').src = link.url;
    $('viewer-image').alt = a.name || 'picture';
    $('viewer-name').textContent = (a.name || 'picture') + (a.width ? ' · ' + a.width + '×' + a.height : '');
    $('viewer-download').href = link.url;
    $('viewer').showModal();
  });
}

/** Calls back with a fresh signed link (cached until shortly before it expires). */
function withLink(id, use) {
  const cached = links.get(id);
  if (cached && Date.parse(cached.expiresAt) - Date.now() > REFRESH_BEFORE_MS) {
    use(cached);
    return;
  }
  api.attachmentLink(id).then((link) => {
    links.set(id, link);
    use(link);
  }).catch(() => { /* gone or hidden: nothing to show */ });
}

export function size(bytes) {
  if (bytes >= 1024 * 1024) {
    return (bytes / (1024 * 1024)).toFixed(1) + ' MB';
  }
  return bytes >= 1024 ? Math.round(bytes / 1024) + ' KB' : bytes + ' B';
}
