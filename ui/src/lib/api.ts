// The only module that talks to Tauri. The wrapper of every command, with its
// argument and result types, is generated from the Rust commands
// (src/lib/bindings/commands.ts, written by src-tauri/build.rs); this module
// supplies how to invoke them, turns failures into `ApiError`, and adds the few
// conveniences a screen needs (files as bytes with headers, a progress channel).
import { invoke, Channel } from '@tauri-apps/api/core';
import { getCurrentWindow } from '@tauri-apps/api/window';
import type { AppError } from './bindings/AppError';
import type { FieldReport } from './bindings/FieldReport';
import { i18n } from './i18n.svelte';
import type { BatchProgress } from './bindings/BatchProgress';
import type { Form } from './bindings/Form';
import type { ImportMapping } from './bindings/ImportMapping';
import type { ImportProgress } from './bindings/ImportProgress';
import { commands } from './bindings/commands';

const strings = (m: { [k: string]: string | undefined } | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(m ?? {}).filter((kv): kv is [string, string] => typeof kv[1] === 'string'));

/** Each message in the language staff chose: the core's English where it
 * has one (`*_en`), else its Indonesian, the default. */
export function localized(id: Record<string, string>, en: Record<string, string>): Record<string, string> {
  if (i18n.lang !== 'en') return id;
  return Object.fromEntries(Object.entries(id).map(([k, v]) => [k, en[k] ?? v]));
}

/** An error from a command, with per-field messages when input was refused. */
export class ApiError extends Error {
  readonly kind: AppError['kind'];
  readonly #fields: Record<string, string>;
  readonly #fieldsEn: Record<string, string>;
  readonly #message: string;
  readonly #messageEn: string | undefined;
  constructor(e: AppError) {
    super(e.message);
    this.kind = e.kind;
    this.#message = e.message;
    this.#messageEn = e.message_en;
    this.#fields = strings(e.fields);
    this.#fieldsEn = strings(e.fields_en);
  }
  /** The per-field messages, in the language staff chose. */
  get fields(): Record<string, string> {
    return localized(this.#fields, this.#fieldsEn);
  }
  /** The message, in the language staff chose. */
  get shown(): string {
    return i18n.lang === 'en' ? (this.#messageEn ?? this.#message) : this.#message;
  }
}

/** A person's check ([`FieldReport`]) with its messages in the language staff chose. */
export function localizedReport(r: FieldReport): { errors: Record<string, string>; warnings: Record<string, string> } {
  return {
    errors: localized(strings(r.errors), strings(r.errors_en)),
    warnings: localized(strings(r.warnings), strings(r.warnings_en)),
  };
}

/**
 * The message to show for a failure: when input was refused, the message of
 * the first of `fields` that has one (`'*'` stands for any field); else the
 * error's own message.
 */
export function errorMessage(e: unknown, ...fields: string[]): string {
  if (!(e instanceof ApiError)) return e instanceof Error ? e.message : String(e);
  const shown = e.fields;
  for (const f of fields) {
    const m = f === '*' ? Object.values(shown)[0] : shown[f];
    if (m) return m;
  }
  return e.shown;
}

/** The per-field messages of a refused input (empty for other failures). */
export function fieldErrors(e: unknown): Record<string, string> {
  return e instanceof ApiError ? e.fields : {};
}

function isAppError(e: unknown): e is AppError {
  return typeof e === 'object' && e !== null && 'kind' in e && 'message' in e;
}

// Told when a command finds the session ended or locked, so the app can show
// the sign-in or lock screen instead of a message.
let sessionLost: (kind: 'signed_out' | 'locked') => void = () => {};
export function onSessionLost(f: (kind: 'signed_out' | 'locked') => void) {
  sessionLost = f;
}

// Told when a command finds the database changed outside Loket (the desk is
// read-only), so the app shows why at once.
let tampered: () => void = () => {};
export function onTampered(f: () => void) {
  tampered = f;
}

async function call<T>(
  command: string,
  args?: Record<string, unknown> | Uint8Array,
  headers?: Record<string, string>,
): Promise<T> {
  try {
    return await invoke<T>(command, args, headers ? { headers } : undefined);
  } catch (e) {
    if (isAppError(e)) {
      if (e.kind === 'signed_out' || e.kind === 'locked') sessionLost(e.kind);
      if (e.kind === 'tampered') tampered();
      throw new ApiError(e);
    }
    throw new ApiError({ kind: 'failed', message: String(e) });
  }
}

const generated = commands(call);

/**
 * The label of the window this page runs in (`kiosk` for the kiosk window):
 * what the page shows follows the window, never its address.
 */
export function windowLabel(): string {
  return getCurrentWindow().label;
}

async function bytes(file: File): Promise<Uint8Array> {
  return new Uint8Array(await file.arrayBuffer());
}

export const api = {
  ...generated,
  /** Sends the file's bytes as they are (no JSON); what they are travels in headers. */
  attachDocument: async (caseId: number, kind: string, file: File) =>
    generated.attachDocument(await bytes(file), {
      'x-case-id': String(caseId),
      'x-kind': kind,
      'x-filename': encodeURIComponent(file.name),
    }),
  setLetterLogo: async (file: File) => generated.setLetterLogo(await bytes(file), {}),
  /** Reads a calendar file into a preview of the year most of it is about (nothing saved). */
  previewCalendarImport: async (file: File) =>
    generated.previewCalendarImport(await bytes(file), { 'x-filename': encodeURIComponent(file.name) }),
  importTrustAnchor: async (file: File) => generated.importTrustAnchor(await bytes(file), {}),
  /** Files a letter's signed copy; `asScan` when staff say it is a scan of the wet-signed paper. */
  attachSignedLetter: async (letterId: number, file: File, asScan: boolean) =>
    generated.attachSignedLetter(await bytes(file), {
      'x-letter-id': String(letterId),
      'x-filename': encodeURIComponent(file.name),
      'x-as-scan': asScan ? '1' : '0',
    }),
  /** Exports many letters into a new Downloads folder, reporting after each. */
  exportLettersBatch: (ids: number[], form: Form, progress: (p: BatchProgress) => void) => {
    const onProgress = new Channel<BatchProgress>();
    onProgress.onmessage = progress;
    return generated.exportLettersBatch(ids, form, onProgress);
  },
  /** Reads an OPD's roster (CSV or workbook) into rows to check; nothing is saved. */
  readRosterFile: async (file: File) =>
    generated.readRosterFile(await bytes(file), { 'x-filename': encodeURIComponent(file.name) }),
  /** Sends the chosen spreadsheet once; Loket holds it for the import's next steps. */
  loadImportFile: async (file: File) =>
    generated.loadImportFile(await bytes(file), { 'x-filename': encodeURIComponent(file.name) }),
  /** The dry run: every row judged, nothing written; `progress` after each batch of rows. */
  importDryRun: (mapping: ImportMapping, progress: (p: ImportProgress) => void) => {
    const onProgress = new Channel<ImportProgress>();
    onProgress.onmessage = progress;
    return generated.importDryRun(mapping, onProgress);
  },
  /** The import itself, in batches; `progress` after each. */
  runImport: (mapping: ImportMapping, progress: (p: ImportProgress) => void) => {
    const onProgress = new Channel<ImportProgress>();
    onProgress.onmessage = progress;
    return generated.runImport(mapping, onProgress);
  },
};

export type { AppStatus } from './bindings/AppStatus';
export type { AuditReport } from './bindings/AuditReport';
export type { DocumentRow } from './bindings/DocumentRow';
export type { ExpiringRow } from './bindings/ExpiringRow';
export type { RejectReason } from './bindings/RejectReason';
export type { TransitionInput } from './bindings/TransitionInput';
export type { ApplicantInput } from './bindings/ApplicantInput';
export type { CaseDetail } from './bindings/CaseDetail';
export type { CasePage } from './bindings/CasePage';
export type { CaseQuery } from './bindings/CaseQuery';
export type { CaseRow } from './bindings/CaseRow';
export type { FieldReport } from './bindings/FieldReport';
export type { BatchProgress, Form };
export type { BatchResult } from './bindings/BatchResult';
export type { ImportMapping, ImportProgress };
export type { ImportField } from './bindings/ImportField';
export type { ImportFilePreview } from './bindings/ImportFilePreview';
export type { ImportOutcome } from './bindings/ImportOutcome';
export type { ImportReport } from './bindings/ImportReport';
export type { ImportRun } from './bindings/ImportRun';
export type { Jenis } from './bindings/Jenis';
export type { LetterCase } from './bindings/LetterCase';
export type { LetterRow } from './bindings/LetterRow';
export type { LetterSettings } from './bindings/LetterSettings';
export type { LetterStatus } from './bindings/LetterStatus';
export type { NewLetter } from './bindings/NewLetter';
export type { Penandatangan } from './bindings/Penandatangan';
export type { SignedFiling } from './bindings/SignedFiling';
export type { TrustAnchor } from './bindings/TrustAnchor';
export type { CaseDeadline } from './bindings/CaseDeadline';
export type { Change } from './bindings/Change';
export type { Credential } from './bindings/Credential';
export type { CredentialStatus } from './bindings/CredentialStatus';
export type { FirstRun } from './bindings/FirstRun';
export type { NewOperator } from './bindings/NewOperator';
export type { OperatorRow } from './bindings/OperatorRow';
export type { Role } from './bindings/Role';
export type { SessionInfo } from './bindings/SessionInfo';
export type { ApplicantPage } from './bindings/ApplicantPage';
export type { CatalogueSettings } from './bindings/CatalogueSettings';
export type { CertificateRow } from './bindings/CertificateRow';
export type { Correction } from './bindings/Correction';
export type { NewService } from './bindings/NewService';
export type { PersonData } from './bindings/PersonData';
export type { PersonMatch } from './bindings/PersonMatch';
export type { Validity } from './bindings/Validity';
export type { CommandName } from './bindings/commands';
