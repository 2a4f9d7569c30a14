// The only module that talks to Tauri. Screens call `api.*` with types
// generated from the Rust side (src/lib/bindings, never edited by hand).
import { invoke, Channel } from '@tauri-apps/api/core';
import type { AppError } from './bindings/AppError';
import type { AppStatus } from './bindings/AppStatus';
import type { AuditReport } from './bindings/AuditReport';
import type { DocumentRow } from './bindings/DocumentRow';
import type { ExpiringRow } from './bindings/ExpiringRow';
import type { OpenCase } from './bindings/OpenCase';
import type { Organisations } from './bindings/Organisations';
import type { RejectReason } from './bindings/RejectReason';
import type { TransitionInput } from './bindings/TransitionInput';
import type { ApplicantInput } from './bindings/ApplicantInput';
import type { CaseDetail } from './bindings/CaseDetail';
import type { CasePage } from './bindings/CasePage';
import type { CaseQuery } from './bindings/CaseQuery';
import type { CaseRow } from './bindings/CaseRow';
import type { FieldReport } from './bindings/FieldReport';
import type { NewPenerbitan } from './bindings/NewPenerbitan';
import type { BatchProgress } from './bindings/BatchProgress';
import type { BatchResult } from './bindings/BatchResult';
import type { Form } from './bindings/Form';
import type { Jenis } from './bindings/Jenis';
import type { LetterCase } from './bindings/LetterCase';
import type { LetterQuery } from './bindings/LetterQuery';
import type { LetterRow } from './bindings/LetterRow';
import type { LetterSettings } from './bindings/LetterSettings';
import type { LetterStatus } from './bindings/LetterStatus';
import type { NewLetter } from './bindings/NewLetter';
import type { Signatory } from './bindings/Signatory';
import type { SignedFiling } from './bindings/SignedFiling';
import type { Change } from './bindings/Change';
import type { Credential } from './bindings/Credential';
import type { CredentialStatus } from './bindings/CredentialStatus';
import type { FirstRun } from './bindings/FirstRun';
import type { NewOperator } from './bindings/NewOperator';
import type { OperatorRow } from './bindings/OperatorRow';
import type { PasswordChange } from './bindings/PasswordChange';
import type { Role } from './bindings/Role';
import type { SessionInfo } from './bindings/SessionInfo';

/** An error from a command, with per-field messages when input was refused. */
export class ApiError extends Error {
  readonly kind: AppError['kind'];
  readonly fields: Record<string, string>;
  constructor(e: AppError) {
    super(e.message);
    this.kind = e.kind;
    this.fields = Object.fromEntries(
      Object.entries(e.fields ?? {}).filter((kv): kv is [string, string] => typeof kv[1] === 'string'),
    );
  }
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
      throw new ApiError(e);
    }
    throw new ApiError({ kind: 'failed', message: String(e) });
  }
}

export const api = {
  appStatus: () => call<AppStatus>('app_status'),
  reviewApplicant: (input: ApplicantInput) => call<FieldReport>('review_applicant', { input }),
  openPenerbitan: (input: NewPenerbitan) => call<CaseRow>('open_penerbitan', { input }),
  listCases: (query: CaseQuery) => call<CasePage>('list_cases', { query }),
  getCase: (id: number) => call<CaseDetail>('get_case', { id }),
  openCase: (input: OpenCase) => call<CaseRow>('open_case', { input }),
  transitionCase: (id: number, input: TransitionInput) =>
    call<CaseDetail>('transition_case', { id, input }),
  checkRequirement: (id: number, code: string, checked: boolean) =>
    call<CaseDetail>('check_requirement', { id, code, checked }),
  reopenCase: (id: number) => call<CaseRow>('reopen_case', { id }),
  rejectReasons: () => call<RejectReason[]>('reject_reasons'),
  expiringCertificates: () => call<ExpiringRow[]>('expiring_certificates'),
  verifyAudit: () => call<AuditReport>('verify_audit'),
  /** Decrypts the NIK for display; the core logs the view in the audit log first. */
  revealNik: (applicantId: number) => call<string>('reveal_nik', { applicantId }),
  /** Sends the file's bytes as they are (no JSON); what they are travels in headers. */
  attachDocument: async (caseId: number, kind: string, file: File) =>
    call<DocumentRow>('attach_document', new Uint8Array(await file.arrayBuffer()), {
      'x-case-id': String(caseId),
      'x-kind': kind,
      'x-filename': encodeURIComponent(file.name),
    }),
  /** The decrypted content; the core logs the view first. */
  viewDocument: (id: number) => call<ArrayBuffer>('view_document', { id }),
  /** Saves a JPEG within BSrE's limit in the Downloads folder; returns its path. */
  exportKtp: (id: number) => call<string>('export_ktp', { id }),
  listOrganisations: () => call<Organisations>('list_organisations'),
  letterSettings: () => call<LetterSettings>('letter_settings'),
  saveLetterSettings: (settings: LetterSettings) => call<LetterSettings>('save_letter_settings', { settings }),
  setLetterLogo: async (file: File) => call<null>('set_letter_logo', new Uint8Array(await file.arrayBuffer()), {}),
  listLetters: (query: LetterQuery) => call<LetterRow[]>('list_letters', { query }),
  eligibleLetterCases: (jenis: Jenis, instansi: string) =>
    call<LetterCase[]>('eligible_letter_cases', { jenis, instansi }),
  createLetter: (input: NewLetter) => call<LetterRow>('create_letter', { input }),
  /** Takes the next number from the register; cannot be undone (a number is never reused). */
  issueLetter: (id: number) => call<LetterRow>('issue_letter', { id }),
  voidLetter: (id: number, reason: string) => call<LetterRow>('void_letter', { id, reason }),
  /** Saves the PDF in Downloads and returns its path; `print` opens it in the PDF viewer. */
  exportLetter: (id: number, form: Form, print: boolean) => call<string>('export_letter', { id, form, print }),
  exportReceipt: (caseId: number, print: boolean) => call<string>('export_receipt', { caseId, print }),
  attachSignedLetter: async (letterId: number, file: File) =>
    call<SignedFiling>('attach_signed_letter', new Uint8Array(await file.arrayBuffer()), {
      'x-letter-id': String(letterId),
      'x-filename': encodeURIComponent(file.name),
    }),
  exportSignedLetter: (id: number) => call<string>('export_signed_letter', { id }),
  /** Exports many letters into a new Downloads folder, reporting after each. */
  exportLettersBatch: (ids: number[], form: Form, progress: (p: BatchProgress) => void) => {
    const onProgress = new Channel<BatchProgress>();
    onProgress.onmessage = progress;
    return call<BatchResult>('export_letters_batch', { ids, form, onProgress });
  },
  cancelLetterBatch: () => call<null>('cancel_letter_batch'),
  /** First run: the first admin and the recovery key (shown once). */
  firstRunSetup: (input: NewOperator) => call<FirstRun>('first_run_setup', { input }),
  confirmRecoveryKey: () => call<null>('confirm_recovery_key'),
  signIn: (username: string, password: string, remember: boolean) =>
    call<SessionInfo>('sign_in', { username, password, remember }),
  unlockSession: (password: string) => call<SessionInfo>('unlock_session', { password }),
  signOut: () => call<null>('sign_out'),
  changePassword: (input: PasswordChange) => call<null>('change_password', { input }),
  listOperators: () => call<OperatorRow[]>('list_operators'),
  createOperator: (input: NewOperator) => call<OperatorRow>('create_operator', { input }),
  changeOperator: (id: number, change: Change) => call<OperatorRow>('change_operator', { id, change }),
  setOperatorRoles: (id: number, roles: Role[]) => call<OperatorRow>('set_operator_roles', { id, roles }),
  resetOperatorPassword: (id: number, password: string) =>
    call<OperatorRow>('reset_operator_password', { id, password }),
  credentialStatus: () => call<CredentialStatus[]>('credential_status'),
  /** The value goes to the OS keyring; it never comes back. */
  setCredential: (credential: Credential, value: string) => call<null>('set_credential', { credential, value }),
  testCredential: (credential: Credential) => call<null>('test_credential', { credential }),
  deleteCredential: (credential: Credential) => call<null>('delete_credential', { credential }),
};

export type {
  AppStatus,
  AuditReport,
  DocumentRow,
  ExpiringRow,
  OpenCase,
  RejectReason,
  TransitionInput,
  ApplicantInput,
  CaseDetail,
  CasePage,
  CaseQuery,
  CaseRow,
  FieldReport,
  NewPenerbitan,
  BatchProgress,
  BatchResult,
  Form,
  Jenis,
  LetterCase,
  LetterRow,
  LetterSettings,
  LetterStatus,
  NewLetter,
  Signatory,
  SignedFiling,
  Change,
  Credential,
  CredentialStatus,
  FirstRun,
  NewOperator,
  OperatorRow,
  Role,
  SessionInfo,
};
