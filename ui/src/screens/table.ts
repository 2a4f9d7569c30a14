// The screens that open with no argument of their own (the office's
// settings, the registers and reports), in one table: each with its menu
// label, how it is loaded (when first opened, so the start-up bundle holds
// only the desk's everyday screens) and what it is given from the session.
// The menu rows and the screen shown both read this table.
import type { Component } from 'svelte';
import type { Key } from '../lib/i18n.svelte';

/** What a screen may be given: who is signed in, and how to open a case. */
export interface SessionView {
  admin: boolean;
  desk: boolean;
  me: string;
  openCase: (id: number) => void;
}

interface Plain {
  label: Key;
  // Each screen declares its own props; the table gives them by name.
  load: () => Promise<{ default: Component<any> }>;
  props?: (s: SessionView) => Record<string, unknown>;
}

export const PLAIN = {
  'letter-settings': { label: 'letterSettings', load: () => import('./LetterSettings.svelte') },
  catalogue: { label: 'catalogue', load: () => import('./Catalogue.svelte') },
  standard: { label: 'standard', load: () => import('./Standard.svelte'), props: (s) => ({ canEdit: s.admin }) },
  calendar: { label: 'calendar', load: () => import('./Calendar.svelte'), props: (s) => ({ canEdit: s.admin }) },
  // The charting library comes with this screen, not at start-up.
  reports: { label: 'reports', load: () => import('./Reports.svelte') },
  survey: { label: 'skmNav', load: () => import('./survey/Survey.svelte'), props: (s) => ({ canEnter: s.desk, canEdit: s.admin }) },
  complaints: {
    label: 'complaints',
    load: () => import('./complaints/Complaints.svelte'),
    props: (s) => ({ me: s.me, canEditCategories: s.admin }),
  },
  mail: { label: 'mail', load: () => import('./mail/MailSettings.svelte') },
  outbox: { label: 'outbox', load: () => import('./mail/Outbox.svelte'), props: (s) => ({ open: s.desk ? s.openCase : undefined }) },
  operators: { label: 'operators', load: () => import('./Operators.svelte') },
  credentials: { label: 'credentials', load: () => import('./Credentials.svelte') },
  backups: { label: 'bkNav', load: () => import('./Backups.svelte') },
  import: { label: 'impNav', load: () => import('./Import.svelte') },
  processing: { label: 'prNav', load: () => import('./Processing.svelte') },
  breaches: { label: 'brNav', load: () => import('./Breaches.svelte') },
  retention: { label: 'rtNav', load: () => import('./Retention.svelte') },
  audit: { label: 'auditLog', load: () => import('./AuditCheck.svelte'), props: (s) => ({ canSave: s.admin }) },
} satisfies Record<string, Plain>;

export type PlainName = keyof typeof PLAIN;

/** The second menu row of an admin: the office's settings, in this order. */
export const ADMIN_ROW: PlainName[] = [
  'letter-settings',
  'catalogue',
  'standard',
  'calendar',
  'reports',
  'survey',
  'complaints',
  'mail',
  'outbox',
  'operators',
  'credentials',
  'backups',
  'import',
  'processing',
  'breaches',
  'retention',
  'audit',
];

/** What a head of office reads. */
export const READER_ROW: PlainName[] = ['reports', 'survey', 'standard', 'calendar', 'processing', 'audit'];

/** The desk's own entries among them, on its first row when it is no admin. */
export const DESK_EXTRA: PlainName[] = ['survey', 'complaints', 'outbox', 'import'];

/** The screen `name`, loaded. */
export function loadScreen(name: PlainName): Promise<{ default: Component<any> }> {
  const entry: Plain = PLAIN[name];
  return entry.load();
}

/** What the screen `name` is given from the session. */
export function propsOf(name: PlainName, s: SessionView): Record<string, unknown> {
  const entry: Plain = PLAIN[name];
  return entry.props?.(s) ?? {};
}

export function isPlain(name: string): name is PlainName {
  return name in PLAIN;
}
