// Written by src-tauri/build.rs from the #[tauri::command] functions of src-tauri/src/commands/;
// copied here by the shell's tests. Never edit by hand: change the command.
import type { AccessSaved } from './AccessSaved';
import type { AppStatus } from './AppStatus';
import type { ApplicantInput } from './ApplicantInput';
import type { ApplicantPage } from './ApplicantPage';
import type { AuditReport } from './AuditReport';
import type { BackupCheck } from './BackupCheck';
import type { BackupOverview } from './BackupOverview';
import type { BackupRun } from './BackupRun';
import type { BackupSettings } from './BackupSettings';
import type { BatchProgress } from './BatchProgress';
import type { BatchResult } from './BatchResult';
import type { BreachRow } from './BreachRow';
import type { CaseDeadline } from './CaseDeadline';
import type { CaseDetail } from './CaseDetail';
import type { CasePage } from './CasePage';
import type { CaseQuery } from './CaseQuery';
import type { CaseRow } from './CaseRow';
import type { CatalogueSettings } from './CatalogueSettings';
import type { CertificateRow } from './CertificateRow';
import type { Change } from './Change';
import type { CollectiveDetail } from './CollectiveDetail';
import type { CollectiveRow } from './CollectiveRow';
import type { ComplaintAnswer } from './ComplaintAnswer';
import type { ComplaintEscalation } from './ComplaintEscalation';
import type { ComplaintFix } from './ComplaintFix';
import type { ComplaintRow } from './ComplaintRow';
import type { ComplaintStep } from './ComplaintStep';
import type { Correction } from './Correction';
import type { CorrectionQuery } from './CorrectionQuery';
import type { CorrectionResult } from './CorrectionResult';
import type { CorrectionRow } from './CorrectionRow';
import type { Credential } from './Credential';
import type { CredentialStatus } from './CredentialStatus';
import type { Dashboard } from './Dashboard';
import type { DataRequestAnswer } from './DataRequestAnswer';
import type { DataRequestRow } from './DataRequestRow';
import type { DocumentRow } from './DocumentRow';
import type { DueKey } from './DueKey';
import type { ExpiringRow } from './ExpiringRow';
import type { ExpiryNoticeDays } from './ExpiryNoticeDays';
import type { ExportFolder } from './ExportFolder';
import type { FieldReport } from './FieldReport';
import type { FirstRun } from './FirstRun';
import type { Form } from './Form';
import type { HelpRow } from './HelpRow';
import type { HelpStep } from './HelpStep';
import type { ImportFilePreview } from './ImportFilePreview';
import type { ImportMapping } from './ImportMapping';
import type { ImportOutcome } from './ImportOutcome';
import type { ImportPreview } from './ImportPreview';
import type { ImportProgress } from './ImportProgress';
import type { ImportReport } from './ImportReport';
import type { ImportRun } from './ImportRun';
import type { InboxItem } from './InboxItem';
import type { Jenis } from './Jenis';
import type { KanalPengaduan } from './KanalPengaduan';
import type { Kategori } from './Kategori';
import type { KioskReceipt } from './KioskReceipt';
import type { KioskSubmission } from './KioskSubmission';
import type { Layanan } from './Layanan';
import type { LetterCase } from './LetterCase';
import type { LetterQuery } from './LetterQuery';
import type { LetterRow } from './LetterRow';
import type { LetterSettings } from './LetterSettings';
import type { MailSettings } from './MailSettings';
import type { MailView } from './MailView';
import type { MessageRow } from './MessageRow';
import type { NewBreach } from './NewBreach';
import type { NewCollective } from './NewCollective';
import type { NewComplaint } from './NewComplaint';
import type { NewDataRequest } from './NewDataRequest';
import type { NewHelpRequest } from './NewHelpRequest';
import type { NewLetter } from './NewLetter';
import type { NewOperator } from './NewOperator';
import type { NewService } from './NewService';
import type { OpenHelpRow } from './OpenHelpRow';
import type { OpenedSubmission } from './OpenedSubmission';
import type { OperatorRow } from './OperatorRow';
import type { Organisations } from './Organisations';
import type { OutboxView } from './OutboxView';
import type { PaperSaved } from './PaperSaved';
import type { PasswordChange } from './PasswordChange';
import type { PendingCorrection } from './PendingCorrection';
import type { PersonMatch } from './PersonMatch';
import type { PihakInsiden } from './PihakInsiden';
import type { PrivacyDuties } from './PrivacyDuties';
import type { ProcessingRecord } from './ProcessingRecord';
import type { ProgressView } from './ProgressView';
import type { Questionnaire } from './Questionnaire';
import type { RejectReason } from './RejectReason';
import type { Report } from './Report';
import type { ReportQuery } from './ReportQuery';
import type { RetentionDue } from './RetentionDue';
import type { RetentionPeriods } from './RetentionPeriods';
import type { RetentionRun } from './RetentionRun';
import type { Role } from './Role';
import type { RosterFile } from './RosterFile';
import type { SavedYear } from './SavedYear';
import type { SecretText } from './SecretText';
import type { ServiceFormInput } from './ServiceFormInput';
import type { ServiceHours } from './ServiceHours';
import type { ServiceInfo } from './ServiceInfo';
import type { SessionInfo } from './SessionInfo';
import type { SignedFiling } from './SignedFiling';
import type { Standard } from './Standard';
import type { StandardView } from './StandardView';
import type { StatusAnswer } from './StatusAnswer';
import type { SurveyAnswers } from './SurveyAnswers';
import type { SurveyReport } from './SurveyReport';
import type { SurveyTicket } from './SurveyTicket';
import type { TakeBack } from './TakeBack';
import type { Template } from './Template';
import type { TransitionInput } from './TransitionInput';
import type { TrustAnchor } from './TrustAnchor';
import type { TypedYear } from './TypedYear';
import type { Validity } from './Validity';
import type { ValueCorrection } from './ValueCorrection';
import type { YearCalendar } from './YearCalendar';

/** How a command is invoked; api.ts supplies it (the only module that touches Tauri). */
export type Invoke = <T>(
  command: string,
  args?: Record<string, unknown> | Uint8Array,
  headers?: Record<string, string>,
) => Promise<T>;

/** A channel the shell reports progress on, as api.ts creates it. */
export interface Channel<T> {
  onmessage: (message: T) => void;
}

/** One wrapper per command, named after it in camelCase, arguments in the command's order. */
export function commands(invoke: Invoke) {
  return {
    /** The backup screen: settings, last backup, runs, progress. */
    backupOverview: () => invoke<BackupOverview>('backup_overview'),
    /** Saves the backup folder and how many backups are kept. */
    saveBackupSettings: (settings: BackupSettings) => invoke<BackupSettings>('save_backup_settings', { settings }),
    /** Makes a backup now (the screen polls `backup_progress` meanwhile). */
    backupNow: () => invoke<BackupRun>('backup_now'),
    /** How far a running backup or check is. */
    backupProgress: () => invoke<ProgressView>('backup_progress'),
    /** The restore drill: opens the backup at `path` in a temporary place and runs every check of a restore, then removes the temporary copy. */
    checkBackup: (path: string) => invoke<BackupCheck>('check_backup', { path }),
    /** Restores the backup at `path` after every check passed: the desk's database is closed, the backup put in its place (the replaced file kept) and Loket starts again on it. A backup that fails a check is refused with the reason and nothing changes. Once the database is closed Loket starts again whatever happens (a failed move leaves the live file where it was, and says why on standard error). */
    restoreBackup: (path: string) => invoke<null>('restore_backup', { path }),
    /** Opens any service for a walk-in: a person on record or one registered in the same form. */
    openService: (input: NewService) => invoke<CaseRow>('open_service', { input }),
    /** One page of cases for the search box, filters or the desk's queue. */
    listCases: (query: CaseQuery) => invoke<CasePage>('list_cases', { query }),
    /** The home screen's counts: due today, overdue, waiting, new, expiring, kiosk. */
    deskDashboard: () => invoke<Dashboard>('desk_dashboard'),
    /** A case with everything its page shows. */
    getCase: (id: number) => invoke<CaseDetail>('get_case', { id }),
    /** A case's deadline under the service standard, computed from its history now. */
    caseDeadline: (id: number) => invoke<CaseDeadline>('case_deadline', { id }),
    /** Moves a case on by one action (the page reads the case again after). */
    transitionCase: (id: number, input: TransitionInput) => invoke<null>('transition_case', { id, input }),
    /** Takes a case's last step back, with its reason (the page reads the case again after). */
    takeBackCase: (id: number, input: TakeBack) => invoke<null>('take_back_case', { id, input }),
    /** Ticks or unticks one item of a case's checklist. */
    checkRequirement: (id: number, code: string, checked: boolean) => invoke<null>('check_requirement', { id, code, checked }),
    /** Re-applies a rejected case as a new linked case. */
    reopenCase: (id: number) => invoke<CaseRow>('reopen_case', { id }),
    /** The office's rejection reasons. */
    rejectReasons: () => invoke<RejectReason[]>('reject_reasons'),
    /** Certificates that ended and were not renewed, most recently ended first. */
    expiredCertificates: () => invoke<ExpiringRow[]>('expired_certificates'),
    /** Active certificates nearing their end. */
    expiringCertificates: () => invoke<ExpiringRow[]>('expiring_certificates'),
    /** Saves an application form in Downloads: blank, or filled from a case; `print` opens it. */
    exportForm: (layanan: Layanan, caseId: number | null, print: boolean) => invoke<string>('export_form', { layanan, caseId, print }),
    /** Decrypts an applicant's NIK for display; the view is in the audit log first. */
    revealNik: (applicantId: number) => invoke<string>('reveal_nik', { applicantId }),
    /** Attaches a document: the raw bytes, with `x-case-id`, `x-kind` and `x-filename` headers. */
    attachDocument: (body: Uint8Array, headers: Record<string, string>) => invoke<DocumentRow>('attach_document', body, headers),
    /** A document's decrypted content; the view is in the audit log first. */
    viewDocument: (id: number) => invoke<ArrayBuffer>('view_document', { id }),
    /** Saves a KTP copy within BSrE's limit in Downloads; returns its path. */
    exportKtp: (id: number) => invoke<string>('export_ktp', { id }),
    /** Reads an OPD's roster (raw bytes, `x-filename`) into rows the desk can still correct; nothing is saved. */
    readRosterFile: (body: Uint8Array, headers: Record<string, string>) => invoke<RosterFile>('read_roster_file', body, headers),
    /** Opens a collective request: every row opens its own case, or nothing is saved. */
    openCollective: (input: NewCollective) => invoke<CollectiveRow>('open_collective', { input }),
    /** The collective requests, newest first. */
    listCollectives: () => invoke<CollectiveRow[]>('list_collectives'),
    /** One collective request with its cases and letters. */
    getCollective: (id: number) => invoke<CollectiveDetail>('get_collective', { id }),
    /** Drafts the collective Surat Rekomendasi for the request's complete cases. */
    draftCollectiveLetter: (id: number, penandatangan: number) => invoke<LetterRow>('draft_collective_letter', { id, penandatangan }),
    /** A person's help requests, newest first. */
    helpRequests: (applicantId: number) => invoke<HelpRow[]>('help_requests', { applicantId }),
    /** Records a help request for a person on record. */
    recordHelpRequest: (input: NewHelpRequest) => invoke<HelpRow>('record_help_request', { input }),
    /** Passes a help request to BSrE, or closes it with what was done. */
    helpRequestStep: (id: number, step: HelpStep) => invoke<HelpRow>('help_request_step', { id, step }),
    /** The help requests not closed yet, across people, oldest first. */
    openHelpRequests: () => invoke<OpenHelpRow[]>('open_help_requests'),
    /** Reads the chosen file (raw bytes, `x-filename`) and holds it for the next steps: its columns, first rows and the suggested mapping. */
    loadImportFile: (body: Uint8Array, headers: Record<string, string>) => invoke<ImportFilePreview>('load_import_file', body, headers),
    /** The dry run of the held file with `mapping`: every row judged, nothing written. */
    importDryRun: (mapping: ImportMapping, onProgress: Channel<ImportProgress>) => invoke<ImportReport>('import_dry_run', { mapping, onProgress }),
    /** Imports the held file with `mapping`, in audited batches. */
    runImport: (mapping: ImportMapping, onProgress: Channel<ImportProgress>) => invoke<ImportOutcome>('run_import', { mapping, onProgress }),
    /** Stops a running import after the batch it is writing. */
    cancelImport: () => invoke<null>('cancel_import'),
    /** Saves the held file's refused rows as a spreadsheet (they carry people's data: in the folder for such exports); returns its path. */
    saveImportRefused: (mapping: ImportMapping) => invoke<string>('save_import_refused', { mapping }),
    /** The imports made, newest first. */
    importHistory: () => invoke<ImportRun[]>('import_history'),
    /** The kiosk inbox, newest first: the waiting submissions, or every one with `all`. */
    kioskInbox: (all: boolean) => invoke<InboxItem[]>('kiosk_inbox', { all }),
    /** Opens a kiosk submission at the desk (audited). */
    openKioskSubmission: (id: number) => invoke<OpenedSubmission>('open_kiosk_submission', { id }),
    /** Accepts a kiosk submission as a case under the applicant's registration number, with the service part as the desk completed it (or as sent). */
    acceptKioskSubmission: (id: number, form: ServiceFormInput | null) => invoke<CaseRow>('accept_kiosk_submission', { id, form }),
    /** Discards a kiosk submission with a reason. */
    discardKioskSubmission: (id: number, alasan: string) => invoke<null>('discard_kiosk_submission', { id, alasan }),
    /** Seals an application from the kiosk into the desk's inbox; returns the receipt (registration number, service, time), never anything stored. */
    submitKioskApplication: (input: KioskSubmission) => invoke<KioskReceipt>('submit_kiosk_application', { input }),
    /** The four services as the kiosk presents them: requirements, working days, cost and where to complain, from the office's settings. */
    kioskServices: () => invoke<ServiceInfo[]>('kiosk_services'),
    /** The stage of an application, to whoever types its registration number and the last four digits of the NIK (never personal data). */
    checkKioskStatus: (nomor: string, nikAkhir: string) => invoke<StatusAnswer>('check_kiosk_status', { nomor, nikAkhir }),
    /** The survey's questions as the kiosk asks them. */
    kioskSurveyQuestions: () => invoke<Questionnaire>('kiosk_survey_questions'),
    /** Before the survey's questions: whether this case (its registration number and the NIK's last four digits) may still answer. */
    startKioskSurvey: (nomor: string, nikAkhir: string) => invoke<SurveyTicket>('start_kiosk_survey', { nomor, nikAkhir }),
    /** Records a survey response from the kiosk: for the case proved by its number and digits (once per case), or without a number when both are empty. */
    submitKioskSurvey: (nomor: string, nikAkhir: string, answers: SurveyAnswers) => invoke<null>('submit_kiosk_survey', { nomor, nikAkhir, answers }),
    /** Takes the kiosk out of service with a staff member's own user name and password: the kiosk window closes (on a kiosk PC, Loket ends). The applicant cannot close it otherwise. */
    leaveKiosk: (username: string, password: SecretText) => invoke<null>('leave_kiosk', { username, password }),
    /** The letter settings, defaults filled in. */
    letterSettings: () => invoke<LetterSettings>('letter_settings'),
    /** Saves the letter settings, every field checked first. */
    saveLetterSettings: (settings: LetterSettings) => invoke<LetterSettings>('save_letter_settings', { settings }),
    /** Sets the letterhead logo from the raw bytes of a PNG or JPEG. */
    setLetterLogo: (body: Uint8Array, headers: Record<string, string>) => invoke<null>('set_letter_logo', body, headers),
    /** The trust anchors a returned signature may chain to. */
    listTrustAnchors: () => invoke<TrustAnchor[]>('list_trust_anchors'),
    /** Imports the certificates of a PEM or DER file (the raw bytes) as trust anchors. */
    importTrustAnchor: (body: Uint8Array, headers: Record<string, string>) => invoke<TrustAnchor[]>('import_trust_anchor', body, headers),
    /** Removes the trust anchor with this SHA-256 fingerprint. */
    removeTrustAnchor: (fingerprint: string) => invoke<TrustAnchor[]>('remove_trust_anchor', { fingerprint }),
    /** The register of letters. */
    listLetters: (query: LetterQuery) => invoke<LetterRow[]>('list_letters', { query }),
    /** Complete cases of an instansi without a recommendation yet. */
    eligibleLetterCases: (jenis: Jenis, instansi: string) => invoke<LetterCase[]>('eligible_letter_cases', { jenis, instansi }),
    /** Drafts a letter for one case, or a collective one. */
    createLetter: (input: NewLetter) => invoke<LetterRow>('create_letter', { input }),
    /** Takes the next number from the register; a number is never reused. */
    issueLetter: (id: number) => invoke<LetterRow>('issue_letter', { id }),
    /** Voids a letter; its number stays in the register. */
    voidLetter: (id: number, reason: string) => invoke<LetterRow>('void_letter', { id, reason }),
    /** Saves a letter's PDF in Downloads and returns its path; `print` opens it in the PDF viewer. */
    exportLetter: (id: number, form: Form, print: boolean) => invoke<string>('export_letter', { id, form, print }),
    /** Saves a case's receipt in Downloads; `print` opens it in the PDF viewer. */
    exportReceipt: (caseId: number, print: boolean) => invoke<string>('export_receipt', { caseId, print }),
    /** Files a letter's signed copy: the raw bytes, with `x-letter-id` and `x-filename` headers. */
    attachSignedLetter: (body: Uint8Array, headers: Record<string, string>) => invoke<SignedFiling>('attach_signed_letter', body, headers),
    /** Saves a letter's signed copy in Downloads; returns its path. */
    exportSignedLetter: (id: number) => invoke<string>('export_signed_letter', { id }),
    /** Exports many letters into a new Downloads folder, reporting after each. */
    exportLettersBatch: (ids: number[], form: Form, onProgress: Channel<BatchProgress>) => invoke<BatchResult>('export_letters_batch', { ids, form, onProgress }),
    /** Stops a running batch export after the letter it is writing. */
    cancelLetterBatch: () => invoke<null>('cancel_letter_batch'),
    /** The mail screen: server settings, whether the password is kept, the templates. */
    mailSettings: () => invoke<MailView>('mail_settings'),
    /** Saves the mail server settings (the password goes through set_credential). */
    saveMailSettings: (settings: MailSettings) => invoke<MailSettings>('save_mail_settings', { settings }),
    /** Saves the messages' templates. */
    saveMailTemplates: (templates: Template[]) => invoke<Template[]>('save_mail_templates', { templates }),
    /** "Kirim uji": sends a test message with the settings on screen; the server's answer. */
    sendTestMail: (settings: MailSettings, to: string) => invoke<string>('send_test_mail', { settings, to }),
    /** The outbox: waiting, failed and the newest sent messages. */
    outbox: () => invoke<OutboxView>('outbox'),
    /** Sends a failed message again (with its Message-ID unchanged). */
    resendMail: (id: number) => invoke<MessageRow>('resend_mail', { id }),
    /** Opens WhatsApp (the web or the app) with a chat to the applicant and the message's text typed in; staff send it themselves. */
    openWhatsapp: (id: number) => invoke<null>('open_whatsapp', { id }),
    /** When certificate holders are told of the end: the first and second notice's days. */
    expiryNoticeDays: () => invoke<ExpiryNoticeDays>('expiry_notice_days'),
    /** Saves the expiry notices' days. */
    saveExpiryNoticeDays: (days: ExpiryNoticeDays) => invoke<ExpiryNoticeDays>('save_expiry_notice_days', { days }),
    /** Every operator account. */
    listOperators: () => invoke<OperatorRow[]>('list_operators'),
    /** Creates an operator account. */
    createOperator: (input: NewOperator) => invoke<OperatorRow>('create_operator', { input }),
    /** Unlocks, deactivates or reactivates an operator. */
    changeOperator: (id: number, change: Change) => invoke<OperatorRow>('change_operator', { id, change }),
    /** Sets an operator's roles. */
    setOperatorRoles: (id: number, roles: Role[]) => invoke<OperatorRow>('set_operator_roles', { id, roles }),
    /** Sets a new password for an operator who forgot theirs. */
    resetOperatorPassword: (id: number, password: SecretText) => invoke<OperatorRow>('reset_operator_password', { id, password }),
    /** Whether each credential is in the keyring (never its value). */
    credentialStatus: () => invoke<CredentialStatus[]>('credential_status'),
    /** Puts a credential into the OS keyring; it never comes back. */
    setCredential: (credential: Credential, value: SecretText) => invoke<null>('set_credential', { credential, value }),
    /** Checks that the keyring gives a credential back. */
    testCredential: (credential: Credential) => invoke<null>('test_credential', { credential }),
    /** Removes a credential from the keyring. */
    deleteCredential: (credential: Credential) => invoke<null>('delete_credential', { credential }),
    /** Checks an applicant form without saving: errors and warnings per field. */
    reviewApplicant: (input: ApplicantInput) => invoke<FieldReport>('review_applicant', { input }),
    /** People on record matching a NIK, a NIP or the beginning of a name. */
    findPeople: (q: string) => invoke<PersonMatch[]>('find_people', { q }),
    /** A person's page: data, certificates, cases and the history of changes. */
    getApplicant: (id: number) => invoke<ApplicantPage>('get_applicant', { id }),
    /** Records a certificate the person holds from before the office used Loket. */
    recordCertificate: (applicantId: number, validity: Validity) => invoke<CertificateRow>('record_certificate', { applicantId, validity }),
    /** Corrects a typo in a person's record, with the reason (kept in the history). */
    correctApplicant: (id: number, input: Correction) => invoke<null>('correct_applicant', { id, input }),
    /** The instansi and unit kerja on record, for the list filters. */
    listOrganisations: () => invoke<Organisations>('list_organisations'),
    /** The register of corrections: who corrected which recorded value, when and why, in a period and by an operator; for the admin and the head of office. */
    listCorrections: (query: CorrectionQuery) => invoke<CorrectionRow[]>('list_corrections', { query }),
    /** Corrects a value recorded on a case or a certificate, with its reason: applied now, or waiting for a second person where four-eyes is on. */
    correctValue: (input: ValueCorrection) => invoke<CorrectionResult>('correct_value', { input }),
    /** Approves a correction waiting for a second person (never one's own). */
    approveCorrection: (id: number) => invoke<null>('approve_correction', { id }),
    /** Refuses a correction waiting for a second person: nothing changes. */
    refuseCorrection: (id: number) => invoke<null>('refuse_correction', { id }),
    /** The corrections waiting for a second person, oldest first. */
    pendingCorrections: () => invoke<PendingCorrection[]>('pending_corrections'),
    /** Whether corrections wait for a second person's approval. */
    fourEyes: () => invoke<boolean>('four_eyes'),
    /** Turns four-eyes for corrections on or off. */
    setFourEyes: (on: boolean) => invoke<null>('set_four_eyes', { on }),
    /** The register of corrections as a file (XLSX or PDF on the letterhead), saved to the export folder, and printed when asked. */
    exportCorrections: (query: CorrectionQuery, format: string, print: boolean) => invoke<string>('export_corrections', { query, format, print }),
    /** Everything Loket holds about the person `id`, as a PDF and a JSON file in Downloads (audited before anything is gathered). */
    exportPersonalData: (id: number) => invoke<AccessSaved>('export_personal_data', { id }),
    /** The folder for exports that carry personal data (empty: Downloads). */
    exportFolder: () => invoke<ExportFolder>('export_folder'),
    /** Chooses the folder for exports that carry personal data (admin, audited). */
    saveExportFolder: (input: ExportFolder) => invoke<ExportFolder>('save_export_folder', { input }),
    /** Records the data-protection officer and the impact assessment (admin, audited); the record of processing prints them. */
    savePrivacyDuties: (input: PrivacyDuties) => invoke<PrivacyDuties>('save_privacy_duties', { input }),
    /** The record of processing, as the page shows it. */
    processingRecord: () => invoke<ProcessingRecord>('processing_record'),
    /** The record of processing as a PDF in Downloads (opened for printing when `print`). */
    exportProcessingRecord: (print: boolean) => invoke<string>('export_processing_record', { print }),
    /** The breach register, newest first. */
    listBreaches: () => invoke<BreachRow[]>('list_breaches'),
    /** Records a breach (found, what, whose data, measures); due in 3 x 24 hours. */
    recordBreach: (input: NewBreach) => invoke<BreachRow>('record_breach', { input }),
    /** Records when the people affected or the authority were told. */
    breachNotified: (id: number, pihak: PihakInsiden, pada: string) => invoke<BreachRow>('breach_notified', { id, pihak, pada }),
    /** The written notice of a breach as a PDF in Downloads (opened for printing when `print`). */
    exportBreachNotice: (id: number, print: boolean) => invoke<string>('export_breach_notice', { id, print }),
    /** A person's correction requests, newest first. */
    dataRequests: (applicantId: number) => invoke<DataRequestRow[]>('data_requests', { applicantId }),
    /** Records a correction request (due 3 x 24 hours after it came in). */
    recordDataRequest: (input: NewDataRequest) => invoke<DataRequestRow>('record_data_request', { input }),
    /** Answers a correction request: corrected, or refused with its reason. */
    answerDataRequest: (id: number, answer: DataRequestAnswer) => invoke<DataRequestRow>('answer_data_request', { id, answer }),
    /** The report of a period: per service, instansi, unit and staff, reasons, trend. */
    serviceReport: (query: ReportQuery) => invoke<Report>('service_report', { query }),
    /** Saves the report of a period in Downloads as `format` (xlsx, csv or pdf); `print` opens it. */
    exportReport: (query: ReportQuery, format: string, print: boolean) => invoke<string>('export_report', { query, format, print }),
    /** The retention periods in force and what is due today. */
    retentionDue: () => invoke<RetentionDue>('retention_due'),
    /** Saves the retention periods. */
    saveRetentionPeriods: (periods: RetentionPeriods) => invoke<RetentionPeriods>('save_retention_periods', { periods }),
    /** Destroys the confirmed items that are still due and records the run. */
    runRetention: (items: DueKey[]) => invoke<RetentionRun>('run_retention', { items }),
    /** The retention runs so far, newest first. */
    retentionHistory: () => invoke<RetentionRun[]>('retention_history'),
    /** A run's berita acara pemusnahan as a PDF in Downloads (opened for printing when `print`). */
    exportRetentionReport: (id: number, print: boolean) => invoke<string>('export_retention_report', { id, print }),
    /** Whether Loket could start, where its data lives, and who is signed in at this window. */
    appStatus: () => invoke<AppStatus>('app_status'),
    /** First run: the first admin and the recovery key (shown once). */
    firstRunSetup: (input: NewOperator) => invoke<FirstRun>('first_run_setup', { input }),
    /** Records that the first admin wrote the recovery key down. */
    confirmRecoveryKey: () => invoke<null>('confirm_recovery_key'),
    /** Signs an operator in at this window. */
    signIn: (username: string, password: SecretText, remember: boolean) => invoke<SessionInfo>('sign_in', { username, password, remember }),
    /** Opens the locked screen with the same operator's password. */
    unlockSession: (password: SecretText) => invoke<SessionInfo>('unlock_session', { password }),
    /** Signs out and forgets this desk's remembered sign-in. */
    signOut: () => invoke<null>('sign_out'),
    /** The signed-in operator changes their own password. */
    changePassword: (input: PasswordChange) => invoke<null>('change_password', { input }),
    /** Walks the audit log's hash chain. */
    verifyAudit: () => invoke<AuditReport>('verify_audit'),
    /** Saves the audit log's checkpoint (a small file with a MAC) in Downloads, for the office to keep elsewhere; returns its path. */
    exportAuditCheckpoint: () => invoke<string>('export_audit_checkpoint'),
    /** The office's official e-mail domain ("" when none is set). */
    officialDomain: () => invoke<string>('official_domain'),
    /** Saves the official e-mail domain (empty: no warning at intake). */
    saveOfficialDomain: (domain: string) => invoke<string>('save_official_domain', { domain }),
    /** The checklists of the four services and the rejection reasons. */
    catalogueSettings: () => invoke<CatalogueSettings>('catalogue_settings'),
    /** Saves the checklists and rejection reasons, every row checked first. */
    saveCatalogueSettings: (settings: CatalogueSettings) => invoke<CatalogueSettings>('save_catalogue_settings', { settings }),
    /** The Standar Pelayanan and its fourteen components per service. */
    serviceStandard: () => invoke<StandardView>('service_standard'),
    /** Saves the Standar Pelayanan, every field checked first. */
    saveServiceStandard: (standard: Standard) => invoke<StandardView>('save_service_standard', { standard }),
    /** Saves the Standar Pelayanan as a PDF in Downloads; `print` opens it. */
    exportServiceStandard: (print: boolean) => invoke<string>('export_service_standard', { print }),
    /** The years with a working-day calendar. */
    calendarYears: () => invoke<number[]>('calendar_years'),
    /** One year's days off, or `null` when the year has no calendar. */
    calendarYear: (tahun: number) => invoke<YearCalendar | null>('calendar_year', { tahun }),
    /** Saves a year's days off, checked first, and counts again in the same transaction every deadline it decides (open cases, complaints). */
    saveCalendarYear: (kalender: TypedYear) => invoke<SavedYear>('save_calendar_year', { kalender }),
    /** Reads a CSV or iCalendar file (raw bytes, `x-filename`, optional `x-tahun`) into a preview; saves nothing. */
    previewCalendarImport: (body: Uint8Array, headers: Record<string, string>) => invoke<ImportPreview>('preview_calendar_import', body, headers),
    /** The service hours per weekday and their special ranges. */
    serviceHours: () => invoke<ServiceHours>('service_hours'),
    /** Saves the service hours, checked first. */
    saveServiceHours: (hours: ServiceHours) => invoke<ServiceHours>('save_service_hours', { hours }),
    /** The survey's questionnaire in force, with the profile's choices. */
    surveyQuestionnaire: () => invoke<Questionnaire>('survey_questionnaire'),
    /** Saves the office's wording of the nine questions. */
    saveSurveyQuestionnaire: (questionnaire: Questionnaire) => invoke<Questionnaire>('save_survey_questionnaire', { questionnaire }),
    /** Records a paper survey form dated `tanggal` (dd/mm/yyyy). */
    recordPaperSurvey: (tanggal: string, answers: SurveyAnswers) => invoke<PaperSaved>('record_paper_survey', { tanggal, answers }),
    /** The IKM report of a period. */
    surveyReport: (query: ReportQuery) => invoke<SurveyReport>('survey_report', { query }),
    /** Saves the IKM report in Downloads as `format` (xlsx or pdf); `print` opens it. */
    exportSurveyReport: (query: ReportQuery, format: string, print: boolean) => invoke<string>('export_survey_report', { query, format, print }),
    /** The complaints register, newest first; only the open ones when asked. */
    complaints: (openOnly: boolean) => invoke<ComplaintRow[]>('complaints', { openOnly }),
    /** Registers a complaint with its deadline. */
    registerComplaint: (complaint: NewComplaint) => invoke<ComplaintRow>('register_complaint', { complaint }),
    /** Moves a complaint on (ditindaklanjuti, or selesai with the response). */
    stepComplaint: (id: number, step: ComplaintStep) => invoke<ComplaintRow>('step_complaint', { id, step }),
    /** The complaint categories with their working days. */
    complaintCategories: () => invoke<Kategori[]>('complaint_categories'),
    /** Saves the complaint categories. */
    saveComplaintCategories: (categories: Kategori[]) => invoke<Kategori[]>('save_complaint_categories', { categories }),
    /** The office's complaint channels. */
    complaintChannels: () => invoke<KanalPengaduan[]>('complaint_channels'),
    /** Saves the office's complaint channels. */
    saveComplaintChannels: (channels: KanalPengaduan[]) => invoke<KanalPengaduan[]>('save_complaint_channels', { channels }),
    /** Records a complaint's written answer and sends it (by e-mail, or as a letter to print). */
    answerComplaint: (id: number, answer: ComplaintAnswer) => invoke<ComplaintRow>('answer_complaint', { id, answer }),
    /** Escalates a complaint to the complaints officer. */
    escalateComplaint: (id: number, escalation: ComplaintEscalation) => invoke<ComplaintRow>('escalate_complaint', { id, escalation }),
    /** Corrects a complaint's channel, category or received moment, with a reason. */
    correctComplaint: (id: number, fix: ComplaintFix) => invoke<ComplaintRow>('correct_complaint', { id, fix }),
    /** The written answer as a letter on the letterhead: saved, or printed. */
    exportComplaintAnswer: (id: number, print: boolean) => invoke<string>('export_complaint_answer', { id, print }),
  };
}

/** The commands' wrappers, as api.ts exposes them. */
export type Commands = ReturnType<typeof commands>;

/** Every command's name, as a session's list of what it may call names them. */
export type CommandName =
  | 'backup_overview'
  | 'save_backup_settings'
  | 'backup_now'
  | 'backup_progress'
  | 'check_backup'
  | 'restore_backup'
  | 'open_service'
  | 'list_cases'
  | 'desk_dashboard'
  | 'get_case'
  | 'case_deadline'
  | 'transition_case'
  | 'take_back_case'
  | 'check_requirement'
  | 'reopen_case'
  | 'reject_reasons'
  | 'expired_certificates'
  | 'expiring_certificates'
  | 'export_form'
  | 'reveal_nik'
  | 'attach_document'
  | 'view_document'
  | 'export_ktp'
  | 'read_roster_file'
  | 'open_collective'
  | 'list_collectives'
  | 'get_collective'
  | 'draft_collective_letter'
  | 'help_requests'
  | 'record_help_request'
  | 'help_request_step'
  | 'open_help_requests'
  | 'load_import_file'
  | 'import_dry_run'
  | 'run_import'
  | 'cancel_import'
  | 'save_import_refused'
  | 'import_history'
  | 'kiosk_inbox'
  | 'open_kiosk_submission'
  | 'accept_kiosk_submission'
  | 'discard_kiosk_submission'
  | 'submit_kiosk_application'
  | 'kiosk_services'
  | 'check_kiosk_status'
  | 'kiosk_survey_questions'
  | 'start_kiosk_survey'
  | 'submit_kiosk_survey'
  | 'leave_kiosk'
  | 'letter_settings'
  | 'save_letter_settings'
  | 'set_letter_logo'
  | 'list_trust_anchors'
  | 'import_trust_anchor'
  | 'remove_trust_anchor'
  | 'list_letters'
  | 'eligible_letter_cases'
  | 'create_letter'
  | 'issue_letter'
  | 'void_letter'
  | 'export_letter'
  | 'export_receipt'
  | 'attach_signed_letter'
  | 'export_signed_letter'
  | 'export_letters_batch'
  | 'cancel_letter_batch'
  | 'mail_settings'
  | 'save_mail_settings'
  | 'save_mail_templates'
  | 'send_test_mail'
  | 'outbox'
  | 'resend_mail'
  | 'open_whatsapp'
  | 'expiry_notice_days'
  | 'save_expiry_notice_days'
  | 'list_operators'
  | 'create_operator'
  | 'change_operator'
  | 'set_operator_roles'
  | 'reset_operator_password'
  | 'credential_status'
  | 'set_credential'
  | 'test_credential'
  | 'delete_credential'
  | 'review_applicant'
  | 'find_people'
  | 'get_applicant'
  | 'record_certificate'
  | 'correct_applicant'
  | 'list_organisations'
  | 'list_corrections'
  | 'correct_value'
  | 'approve_correction'
  | 'refuse_correction'
  | 'pending_corrections'
  | 'four_eyes'
  | 'set_four_eyes'
  | 'export_corrections'
  | 'export_personal_data'
  | 'export_folder'
  | 'save_export_folder'
  | 'save_privacy_duties'
  | 'processing_record'
  | 'export_processing_record'
  | 'list_breaches'
  | 'record_breach'
  | 'breach_notified'
  | 'export_breach_notice'
  | 'data_requests'
  | 'record_data_request'
  | 'answer_data_request'
  | 'service_report'
  | 'export_report'
  | 'retention_due'
  | 'save_retention_periods'
  | 'run_retention'
  | 'retention_history'
  | 'export_retention_report'
  | 'app_status'
  | 'first_run_setup'
  | 'confirm_recovery_key'
  | 'sign_in'
  | 'unlock_session'
  | 'sign_out'
  | 'change_password'
  | 'verify_audit'
  | 'export_audit_checkpoint'
  | 'official_domain'
  | 'save_official_domain'
  | 'catalogue_settings'
  | 'save_catalogue_settings'
  | 'service_standard'
  | 'save_service_standard'
  | 'export_service_standard'
  | 'calendar_years'
  | 'calendar_year'
  | 'save_calendar_year'
  | 'preview_calendar_import'
  | 'service_hours'
  | 'save_service_hours'
  | 'survey_questionnaire'
  | 'save_survey_questionnaire'
  | 'record_paper_survey'
  | 'survey_report'
  | 'export_survey_report'
  | 'complaints'
  | 'register_complaint'
  | 'step_complaint'
  | 'complaint_categories'
  | 'save_complaint_categories'
  | 'complaint_channels'
  | 'save_complaint_channels'
  | 'answer_complaint'
  | 'escalate_complaint'
  | 'correct_complaint'
  | 'export_complaint_answer'
;
