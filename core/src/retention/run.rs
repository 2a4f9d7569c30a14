//! A retention run: the items the admin confirmed from the list of what is
//! due (an item no longer due is left alone) are destroyed in one
//! transaction with the run's record and its audit entry, which count what
//! was destroyed by kind. On SQLite the file is then rewritten (`VACUUM`
//! after a WAL checkpoint), so the destroyed values do not linger in free
//! pages of the database file.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    DbBackend, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::due::{self, DueItem, RecordKind};
use super::periods::{self, RetentionPeriods};
use crate::applicants::registry::ANONYMISED;
use crate::audit::{Acting, Entry};
use crate::document::content::tanggal;
use crate::entities::{
    applicant_history, applicants, cases, certificates, complaints, data_requests, documents,
    help_requests, kiosk_inbox, letter_cases, letters, outbox as outbox_rows, retention_runs,
};
use crate::error::to_json;
use crate::notices::outbox;
use crate::notices::templates::Peristiwa;
use crate::{Error, Result, store};

/// One item the admin confirmed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct DueKey {
    pub jenis: RecordKind,
    #[ts(type = "number")]
    pub id: i64,
}

/// A run as its berita acara and the history show it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct RetentionRun {
    #[ts(type = "number")]
    pub id: i64,
    pub nomor: String,
    /// RFC 3339.
    pub run_at: String,
    pub actor: String,
    pub periods: RetentionPeriods,
    pub items: Vec<DueItem>,
    /// How the people concerned were told; `None` for a run made before
    /// Loket kept it.
    pub pemberitahuan: Option<Notices>,
}

/// How the people whose data a run destroyed were told (UU 27/2022
/// Pasal 45): one notice per person, whatever of theirs went.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Notices {
    /// People whose notice was put in the outbox with the run.
    pub surel: u32,
    /// People Loket could not write to (no address, sending switched off,
    /// or the message switched off): the office tells them another way.
    pub lain: u32,
}

pub(crate) fn to_run(m: retention_runs::Model) -> Result<RetentionRun> {
    let corrupt =
        |e: serde_json::Error| Error::Corrupt(format!("catatan retensi {} ({e})", m.nomor));
    Ok(RetentionRun {
        periods: serde_json::from_str(&m.periods).map_err(corrupt)?,
        items: serde_json::from_str(&m.items).map_err(corrupt)?,
        pemberitahuan: m
            .pemberitahuan
            .as_deref()
            .map(serde_json::from_str)
            .transpose()
            .map_err(corrupt)?,
        id: m.id,
        nomor: m.nomor,
        run_at: m.run_at.to_rfc3339(),
        actor: m.actor,
    })
}

/// The runs so far, newest first.
pub async fn history(db: &impl ConnectionTrait) -> Result<Vec<RetentionRun>> {
    retention_runs::Entity::find()
        .order_by_desc(retention_runs::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(to_run)
        .collect()
}

/// Replaces a person's data with their record number, inside `txn`: name,
/// NIK (cipher, blind index, masked form), NIP, e-mail, phone, position and
/// work unit; their data-change history and correction requests, the
/// documents, kiosk submissions and e-mails of their cases and certificates
/// (waiting or sent, expiry notices too), the new data a data-change form
/// carried, their name, NIP, NIK and address in the content of the letters
/// about their cases (a collective letter's other rows stay), and their name
/// and contact on complaints, about their cases or without a case, and what
/// their help requests say (asked, passed on, done). The
/// instansi, the cases, certificates and dates stay, so the reports still
/// count them. A letter's signed copy stays as the office's archive, as
/// filed: encrypted under the data key, it is not rewritten (its signature
/// would no longer hold).
async fn anonymise(txn: &DatabaseTransaction, act: &Acting<'_>, id: i64) -> Result<()> {
    let Some(a) = applicants::Entity::find_by_id(id).one(txn).await? else {
        return Ok(());
    };
    let nama = format!("Pemohon #{id} (dianonimkan)");
    // What of them may be written elsewhere, as typed: the NIK too, when it
    // can still be read.
    let nik = crate::applicants::registry::reveal_nik(act.key(), &a).ok();
    let mut traces: Vec<String> = [
        Some(a.nama.clone()),
        a.nip.clone(),
        nik,
        Some(a.email.clone()),
        Some(a.telepon.clone()),
    ]
    .into_iter()
    .flatten()
    .collect();
    // What they were before a data change or a correction (the history's
    // snapshots), so a letter from before it loses those too.
    for h in applicant_history::Entity::find()
        .filter(applicant_history::Column::ApplicantId.eq(id))
        .all(txn)
        .await?
    {
        for side in [&h.before, &h.after] {
            if let Ok(serde_json::Value::Object(m)) = serde_json::from_str(side) {
                // Not the position or unit: many people share those, and the
                // letter's own words would go with them.
                for k in ["nama", "nip", "email", "telepon"] {
                    if let Some(v) = m.get(k).and_then(|v| v.as_str()) {
                        traces.push(v.to_string());
                    }
                }
            }
        }
    }
    let mut traces: Vec<String> = traces
        .into_iter()
        .map(|t| t.trim().to_string())
        .filter(|t| t.chars().count() >= 4)
        .collect();
    // Longest first: a name is replaced before a shorter part of it.
    traces.sort_by_key(|t| std::cmp::Reverse(t.chars().count()));
    traces.dedup();
    let mut am: applicants::ActiveModel = a.clone().into();
    am.nama_cari = Set(nama.to_lowercase());
    am.nama = Set(nama.clone());
    am.nik_cipher = Set(vec![]);
    am.nik_index = Set(format!("{ANONYMISED}{id}"));
    am.nik_masked = Set("—".into());
    am.nip = Set(None);
    am.email = Set(String::new());
    am.telepon = Set(String::new());
    am.jabatan = Set(String::new());
    am.unit_kerja = Set(String::new());
    am.version = Set(a.version + 1);
    am.updated_at = Set(act.now());
    am.updated_by = Set(act.name());
    am.update(txn).await?;
    applicant_history::Entity::delete_many()
        .filter(applicant_history::Column::ApplicantId.eq(id))
        .exec(txn)
        .await?;
    data_requests::Entity::delete_many()
        .filter(data_requests::Column::ApplicantId.eq(id))
        .exec(txn)
        .await?;
    let ids: Vec<i64> = cases::Entity::find()
        .filter(cases::Column::ApplicantId.eq(id))
        .all(txn)
        .await?
        .into_iter()
        .map(|c| c.id)
        .collect();
    documents::Entity::delete_many()
        .filter(documents::Column::CaseId.is_in(ids.clone()))
        .exec(txn)
        .await?;
    kiosk_inbox::Entity::delete_many()
        .filter(kiosk_inbox::Column::CaseId.is_in(ids.clone()))
        .exec(txn)
        .await?;
    let certs: Vec<i64> = certificates::Entity::find()
        .filter(certificates::Column::ApplicantId.eq(id))
        .all(txn)
        .await?
        .into_iter()
        .map(|c| c.id)
        .collect();
    let mut mail = sea_orm::Condition::any()
        .add(outbox_rows::Column::CaseId.is_in(ids.clone()))
        .add(outbox_rows::Column::CertificateId.is_in(certs));
    if !a.email.trim().is_empty() {
        mail = mail.add(outbox_rows::Column::Penerima.eq(a.email.trim()));
    }
    // An earlier run's notice that their data was destroyed still goes
    // (it names no one, and keeps no address once sent).
    outbox_rows::Entity::delete_many()
        .filter(mail)
        .filter(outbox_rows::Column::Peristiwa.ne(Peristiwa::Pemusnahan.as_str()))
        .exec(txn)
        .await?;
    // The letters about their cases: their traces in the content replaced
    // by the label (JSON-escaped, as the content stores text).
    let letter_ids: Vec<i64> = letter_cases::Entity::find()
        .filter(letter_cases::Column::CaseId.is_in(ids.clone()))
        .all(txn)
        .await?
        .into_iter()
        .map(|l| l.letter_id)
        .collect();
    for l in letters::Entity::find()
        .filter(letters::Column::Id.is_in(letter_ids))
        .all(txn)
        .await?
    {
        let mut content = l.content.clone();
        for t in &traces {
            let quoted = serde_json::to_string(t).unwrap_or_default();
            let inner = quoted.trim_matches('"');
            if !inner.is_empty() {
                content = content.replace(inner, &nama);
            }
        }
        if content != l.content {
            let mut am: letters::ActiveModel = l.into();
            am.content = Set(content);
            am.update(txn).await?;
        }
    }
    cases::Entity::update_many()
        .col_expr(cases::Column::Form, Expr::value(Option::<String>::None))
        .filter(cases::Column::Id.is_in(ids.clone()))
        .filter(cases::Column::Layanan.eq("perubahan_data"))
        .exec(txn)
        .await?;
    // Their help requests: what they asked and what was done is free text
    // that may name them; the topic, channel and times stay for the report.
    help_requests::Entity::update_many()
        .col_expr(help_requests::Column::Uraian, Expr::value("(dianonimkan)"))
        .col_expr(
            help_requests::Column::Rujukan,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            help_requests::Column::Hasil,
            Expr::value(Option::<String>::None),
        )
        .filter(help_requests::Column::ApplicantId.eq(id))
        .exec(txn)
        .await?;
    // The contacts the complaints below lose: the written answers queued to
    // them go too (they hold the name and the address).
    let mut contacts: Vec<String> = complaints::Entity::find()
        .filter(complaints::Column::CaseId.is_in(ids.clone()))
        .all(txn)
        .await?
        .into_iter()
        .filter_map(|c| c.kontak)
        .collect();
    complaints::Entity::update_many()
        .col_expr(
            complaints::Column::Nama,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            complaints::Column::Kontak,
            Expr::value(Option::<String>::None),
        )
        .filter(complaints::Column::CaseId.is_in(ids))
        .exec(txn)
        .await?;
    // Complaints without a case that carry their name or contact.
    for c in complaints::Entity::find()
        .filter(complaints::Column::CaseId.is_null())
        .all(txn)
        .await?
    {
        let theirs = |v: &Option<String>| {
            v.as_deref().is_some_and(|v| {
                let v = v.trim().to_lowercase();
                traces.iter().any(|t| t.to_lowercase() == v)
            })
        };
        if theirs(&c.nama) || theirs(&c.kontak) {
            contacts.extend(c.kontak.clone());
            let mut am: complaints::ActiveModel = c.into();
            am.nama = Set(None);
            am.kontak = Set(None);
            am.update(txn).await?;
        }
    }
    let contacts: Vec<String> = contacts
        .iter()
        .map(|k| k.trim().to_string())
        .filter(|k| !k.is_empty())
        .collect();
    if !contacts.is_empty() {
        outbox_rows::Entity::delete_many()
            .filter(outbox_rows::Column::Peristiwa.eq(Peristiwa::JawabanPengaduan.as_str()))
            .filter(outbox_rows::Column::Penerima.is_in(contacts))
            .exec(txn)
            .await?;
    }
    Ok(())
}

/// The people whose data `items` hold, as they are before the run, with
/// what of theirs goes: a case's documents or their whole record. A kiosk
/// submission (its data went to the case it became, or it was never
/// accepted) and an e-mail (the notice itself) tell no one.
async fn people_concerned(
    txn: &DatabaseTransaction,
    items: &[DueItem],
) -> Result<BTreeMap<i64, (applicants::Model, BTreeSet<RecordKind>)>> {
    let mut people: BTreeMap<i64, (applicants::Model, BTreeSet<RecordKind>)> = BTreeMap::new();
    for i in items {
        let applicant_id = match i.jenis {
            RecordKind::Pemohon => Some(i.id),
            RecordKind::Berkas => match documents::Entity::find_by_id(i.id).one(txn).await? {
                Some(d) => cases::Entity::find_by_id(d.case_id)
                    .one(txn)
                    .await?
                    .map(|c| c.applicant_id),
                None => None,
            },
            RecordKind::Kiosk | RecordKind::Surel => None,
        };
        let Some(id) = applicant_id else { continue };
        if let Some(entry) = people.get_mut(&id) {
            entry.1.insert(i.jenis);
            continue;
        }
        if let Some(a) = applicants::Entity::find_by_id(id).one(txn).await? {
            // Someone already anonymised has no one left to tell.
            if !a.nik_index.starts_with(ANONYMISED) {
                people.insert(id, (a, BTreeSet::from([i.jenis])));
            }
        }
    }
    Ok(people)
}

/// Queues one notice per person told (inside the run's transaction, after
/// their data went, so the run's own deletions leave it); counts who could
/// and could not be written to.
async fn tell(
    txn: &DatabaseTransaction,
    act: &Acting<'_>,
    people: &BTreeMap<i64, (applicants::Model, BTreeSet<RecordKind>)>,
    nomor: &str,
) -> Result<Notices> {
    let mut n = Notices::default();
    for (a, kinds) in people.values() {
        let what: Vec<&str> = kinds
            .iter()
            .map(|k| match k {
                RecordKind::Berkas => "berkas permohonan (surat permohonan, foto KTP dan lampirannya)",
                _ => "data pribadi pada catatan pemohon (nama, NIK, NIP, surel, nomor HP, jabatan dan unit kerja)",
            })
            .collect();
        if !outbox::valid_address(&a.email) {
            // No address a notice could go to: told another way, and no
            // failed row keeps what was typed.
            n.lain += 1;
            continue;
        }
        let mut values = outbox::person_values(txn, a).await?;
        // The notice names no one (see the template).
        values.remove("nama");
        values.remove("instansi");
        values.insert("tanggal_pemusnahan", tanggal(act.today()));
        values.insert("yang_dimusnahkan", what.join("; "));
        values.insert("nomor_berita_acara", nomor.to_string());
        let queued = outbox::queue(
            txn,
            act,
            outbox::Queued {
                peristiwa: Peristiwa::Pemusnahan,
                case_id: None,
                certificate_id: None,
                letter_id: None,
                kunci: None,
                penerima: &a.email,
                // The notice keeps no name (see the template).
                nama: "",
                values,
                lampiran: None,
            },
        )
        .await?;
        match queued {
            Some(_) if outbox::valid_address(&a.email) => n.surel += 1,
            _ => n.lain += 1,
        }
    }
    Ok(n)
}

/// Destroys the confirmed items that are still due today and records the
/// run; returns it (its berita acara is printed from it).
pub async fn run(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    confirmed: &[DueKey],
) -> Result<RetentionRun> {
    if confirmed.is_empty() {
        return Err(Error::field(
            "items",
            "Pilih sedikitnya satu data yang dimusnahkan.",
        ));
    }
    let wanted: HashSet<DueKey> = confirmed.iter().copied().collect();
    let txn = store::begin_write(db).await?;
    let p = periods::get(&txn).await?;
    let chosen: Vec<DueItem> = due::due(&txn, &p, act.today())
        .await?
        .into_iter()
        .filter(|i| {
            wanted.contains(&DueKey {
                jenis: i.jenis,
                id: i.id,
            })
        })
        .collect();
    if chosen.is_empty() {
        return Err(Error::field(
            "items",
            "Data yang dipilih tidak lagi jatuh tempo; muat ulang daftarnya.",
        ));
    }
    // Whom to tell, read before anything of theirs goes.
    let told = people_concerned(&txn, &chosen).await?;
    let mut counts: BTreeMap<RecordKind, u32> = BTreeMap::new();
    for i in &chosen {
        match i.jenis {
            RecordKind::Berkas => {
                documents::Entity::delete_by_id(i.id).exec(&txn).await?;
            }
            RecordKind::Pemohon => anonymise(&txn, act, i.id).await?,
            RecordKind::Kiosk => {
                kiosk_inbox::Entity::delete_by_id(i.id).exec(&txn).await?;
            }
            RecordKind::Surel => {
                outbox_rows::Entity::delete_by_id(i.id).exec(&txn).await?;
            }
        }
        *counts.entry(i.jenis).or_default() += 1;
    }
    let year = act.now().format("%Y").to_string();
    let n = store::next_counter(&txn, &format!("retensi-{year}")).await?;
    let nomor = format!("BA-RETENSI-{year}-{n:04}");
    let notices = tell(&txn, act, &told, &nomor).await?;
    let m = retention_runs::ActiveModel {
        nomor: Set(nomor),
        run_at: Set(act.now()),
        actor: Set(act.name()),
        periods: Set(to_json(&p)?),
        items: Set(to_json(&chosen)?),
        pemberitahuan: Set(Some(to_json(&notices)?)),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    act.record(
        &txn,
        Entry::new(
            "retention.run",
            "retention_run",
            m.id,
            serde_json::json!({
                "nomor": m.nomor,
                "counts": counts,
                "periods": p,
                "pemberitahuan": notices,
            }),
        ),
    )
    .await?;
    txn.commit().await?;
    if db.get_database_backend() == DbBackend::Sqlite {
        db.execute_unprepared("PRAGMA wal_checkpoint(TRUNCATE)")
            .await?;
        db.execute_unprepared("VACUUM").await?;
        db.execute_unprepared("PRAGMA wal_checkpoint(TRUNCATE)")
            .await?;
    }
    to_run(m)
}
