import type { Message } from '../../models/index.js';

/** What an edit replaced: enough to put it back exactly. */
export interface EditUndo {
  readonly content: string;
  readonly edited_at: string | null;
  /** What the edit set (a rollback only undoes it while the message still shows it). */
  readonly setContent: string;
  readonly setEditedAt: string | null;
}

/** Sets the message's content and `edited_at`; returns how to undo it. */
export function applyEdit(message: Message, content: string, editedAt: string | null): EditUndo {
  const undo = { content: message.content, edited_at: message.edited_at, setContent: content, setEditedAt: editedAt };
  message.content = content;
  message.edited_at = editedAt;
  return undo;
}

/** Undoes an edit unless something newer (another edit, the server's echo) replaced it. Returns whether it did. */
export function undoEdit(message: Message, undo: EditUndo): boolean {
  if (message.content !== undo.setContent || message.edited_at !== undo.setEditedAt) return false;
  message.content = undo.content;
  message.edited_at = undo.edited_at;
  return true;
}
