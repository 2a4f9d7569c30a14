// The screens that open with no argument of their own (the office's
// settings, the registers and reports), in one table: each with its menu
// label, the command it opens with, how it is loaded (when first opened, so
// the start-up bundle holds only the desk's everyday screens) and what it is
// given from the session. The menu rows and the screen shown both read this
// table. Whether a session may open a screen, or change what it shows, is
// the core's answer (the session's list of commands), never the roles read
// here.
import type { Component } from 'svelte';
import type { CommandName } from '../lib/api';
import type { Key } from '../lib/i18n.svelte';

/** What a screen may be given: what the session may call, who it is, and how to open a case. */
export interface SessionView {
  may: (command: CommandName) => boolean;
  me: string;
  openCase: (id: number) => void;
  /** Typed text not saved yet: leaving the screen (a menu item, Esc) asks first. */
  setDirty: (dirty: boolean) => void;
  /** Opens a person's page. */
  openPerson: (id: number) => void;
}

interface Plain {
  label: Key;
  /** The command the screen loads with: the menu offers it only to a session that may call it. */
  opens: CommandName;
  // Each screen declares its own props; the table gives them by name.
  load: () => Promise<{ default: Component<any> }>;
  props?: (s: SessionView) => Record<string, unknown>;
}

export const PLAIN = {
  'letter-settings': { label: 'letterSettings', opens: 'letter_settings', load: () => import('./LetterSettings.svelte') },
  catalogue: { label: 'catalogue', opens: 'catalogue_settings', load: () => import('./Catalogue.svelte') },
  standard: {
    label: 'standard',
    opens: 'service_standard',
    load: () => import('./Standard.svelte'),
    props: (s) => ({ canEdit: s.may('save_service_standard') }),
  },
  calendar: {
    label: 'calendar',
    opens: 'calendar_years',
    load: () => import('./Calendar.svelte'),
    props: (s) => ({ canEdit: s.may('save_calendar_year') }),
  },
  // The charting library comes with this screen, not at start-up.
  reports: { label: 'reports', opens: 'service_report', load: () => import('./Reports.svelte') },
  survey: {
    label: 'skmNav',
    opens: 'survey_report',
    load: () => import('./survey/Survey.svelte'),
    props: (s) => ({ canEnter: s.may('record_paper_survey'), canEdit: s.may('save_survey_questionnaire') }),
  },
  complaints: {
    label: 'complaints',
    opens: 'complaints',
    load: () => import('./complaints/Complaints.svelte'),
    props: (s) => ({ me: s.me, canEditCategories: s.may('save_complaint_categories'), setDirty: s.setDirty }),
  },
  help: {
    label: 'hlpNav',
    opens: 'open_help_requests',
    load: () => import('./help/HelpRegister.svelte'),
    props: (s) => ({ openPerson: s.may('get_applicant') ? s.openPerson : undefined }),
  },
  mail: { label: 'mail', opens: 'mail_settings', load: () => import('./mail/MailSettings.svelte') },
  outbox: {
    label: 'outbox',
    opens: 'outbox',
    load: () => import('./mail/Outbox.svelte'),
    props: (s) => ({ open: s.may('get_case') ? s.openCase : undefined }),
  },
  operators: { label: 'operators', opens: 'list_operators', load: () => import('./Operators.svelte') },
  credentials: { label: 'credentials', opens: 'credential_status', load: () => import('./Credentials.svelte') },
  backups: { label: 'bkNav', opens: 'backup_overview', load: () => import('./Backups.svelte') },
  import: { label: 'impNav', opens: 'import_history', load: () => import('./Import.svelte') },
  processing: {
    label: 'prNav',
    opens: 'processing_record',
    load: () => import('./Processing.svelte'),
    props: (s) => ({ canEdit: s.may('save_privacy_duties') }),
  },
  breaches: { label: 'brNav', opens: 'list_breaches', load: () => import('./Breaches.svelte') },
  retention: { label: 'rtNav', opens: 'retention_due', load: () => import('./Retention.svelte') },
  corrections: {
    label: 'koNav',
    opens: 'list_corrections',
    load: () => import('./Corrections.svelte'),
    props: (s) => ({ may: s.may }),
  },
  audit: {
    label: 'auditLog',
    opens: 'verify_audit',
    load: () => import('./AuditCheck.svelte'),
    props: (s) => ({ canSave: s.may('export_audit_checkpoint') }),
  },
} satisfies Record<string, Plain>;

export type PlainName = keyof typeof PLAIN;

/** The second menu row of an admin: the office's settings, in this order
 * (each shown only when the session may open it). */
export const ADMIN_ROW: PlainName[] = [
  'letter-settings',
  'catalogue',
  'standard',
  'calendar',
  'reports',
  'survey',
  'complaints',
  'help',
  'mail',
  'outbox',
  'operators',
  'credentials',
  'backups',
  'import',
  'processing',
  'breaches',
  'retention',
  'corrections',
  'audit',
];

/** What a head of office reads. */
export const READER_ROW: PlainName[] = ['reports', 'survey', 'standard', 'calendar', 'processing', 'corrections', 'audit'];

/** The desk's own entries among them, on its first row when it is no admin. */
export const DESK_EXTRA: PlainName[] = ['survey', 'complaints', 'help', 'outbox', 'import'];

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

/** The screens of `row` this session may open, in the row's order. */
export function openable(row: PlainName[], s: SessionView): PlainName[] {
  return row.filter((name) => s.may(PLAIN[name].opens));
}
