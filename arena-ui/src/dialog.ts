/**
 * A modal question (the native <dialog>: focus moves into it and back, Escape cancels), for choices
 * that cannot be undone: resigning, leaving a match in progress.
 */
import { h } from './dom.ts';

export function confirmDialog(opts: {
  title: string;
  body: string;
  ok: string;
  cancel: string;
  danger?: boolean;
}): Promise<boolean> {
  return new Promise((resolve) => {
    const titleId = 'dlg-' + Math.random().toString(36).slice(2);
    const okBtn = h('button', { class: opts.danger ? 'danger dialog-ok' : 'primary dialog-ok', value: 'ok' }, opts.ok);
    const cancelBtn = h('button', { class: 'dialog-cancel', value: 'cancel', autofocus: true }, opts.cancel);
    const dlg = h(
      'dialog',
      { class: 'confirm', 'aria-labelledby': titleId },
      h(
        'form',
        { method: 'dialog' },
        h('h2', { id: titleId }, opts.title),
        h('p', null, opts.body),
        h('div', { class: 'row' }, cancelBtn, okBtn),
      ),
    );
    dlg.addEventListener('close', () => {
      resolve(dlg.returnValue === 'ok');
      dlg.remove();
    });
    document.body.append(dlg);
    dlg.showModal();
    cancelBtn.focus();
  });
}
