/**
 * The success banners a form's redirect can ask for (`?notice=<code>`). Codes, not text, so a link
 * from elsewhere cannot make a page show words of its own.
 */
export const NOTICES = {
  'outcome-recorded': 'Outcome recorded',
  rescheduled: 'Due date rescheduled',
  extended: 'Extension agreed',
  paused: 'Paused: no reminders are sent until it is resumed',
  resumed: 'Resumed: reminders follow the due date again',
  'meeting-rescheduled': 'Meeting rescheduled: its deadlines have moved with it',
  'action-noted': 'Progress note added',
  'action-moved': 'Due date moved',
  'action-done': 'Action marked as done',
  'action-dropped': 'Action dropped',
  assigned: 'Duty assigned',
  'signed-out': 'You have signed out',
} as const;
export type NoticeCode = keyof typeof NOTICES;

export const noticeText = (code: unknown): string | undefined => (typeof code === 'string' && code in NOTICES ? NOTICES[code as NoticeCode] : undefined);

/** The page to return to with a success banner, keeping its own query and fragment. */
export function withNotice(target: string, notice: NoticeCode): string {
  const [beforeHash, hash] = target.split('#', 2) as [string, string | undefined];
  const separator = beforeHash.includes('?') ? '&' : '?';
  return `${beforeHash}${separator}notice=${notice}${hash ? `#${hash}` : ''}`;
}
