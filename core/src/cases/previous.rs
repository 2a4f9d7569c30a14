//! The previous Surat Rekomendasi a renewal or a revocation asks for. When
//! Loket itself numbered that letter (for the case the certificate came
//! from), the applicant need not bring a copy: the new case's checklist item
//! names the letter (its number and date) and is ticked as it opens, audited.
//! A certificate from outside Loket, or one whose letter was voided or never
//! numbered here, leaves the item to be ticked by hand as before.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, Set,
};

use crate::Result;
use crate::audit::{Acting, Entry};
use crate::entities::{case_requirements, cases, certificates, letter_cases, letters};

/// The checklist codes of "the previous Surat Rekomendasi" in the lists Loket
/// ships (renewal, revocation). An office whose own list names it otherwise
/// ticks it by hand.
pub const CODES: [&str; 2] = ["rekomendasi_pendaftaran", "rekomendasi_sebelumnya"];

/// The letters that recommend a certificate: for its issuance or renewal.
const KINDS: [&str; 2] = ["rekomendasi_pendaftaran", "rekomendasi_pembaruan"];

/// The numbered Surat Rekomendasi Loket issued for the case certificate
/// `certificate_id` came from (the latest, when there were several), never a
/// voided one.
async fn letter_of(
    txn: &DatabaseTransaction,
    certificate_id: i64,
) -> Result<Option<letters::Model>> {
    let Some(case_id) = certificates::Entity::find_by_id(certificate_id)
        .one(txn)
        .await?
        .and_then(|c| c.case_id)
    else {
        return Ok(None);
    };
    let ids: Vec<i64> = letter_cases::Entity::find()
        .filter(letter_cases::Column::CaseId.eq(case_id))
        .all(txn)
        .await?
        .into_iter()
        .map(|l| l.letter_id)
        .collect();
    Ok(letters::Entity::find()
        .filter(letters::Column::Id.is_in(ids))
        .filter(letters::Column::Jenis.is_in(KINDS))
        .filter(letters::Column::Status.is_in(["terbit", "final"]))
        .filter(letters::Column::Nomor.is_not_null())
        .order_by_desc(letters::Column::IssuedAt)
        .one(txn)
        .await?)
}

/// Links case `case` (a renewal or revocation of `certificate_ids`) to the
/// Surat Rekomendasi Loket issued for them, inside `txn`: the checklist item
/// names each letter and is ticked, with its audit entry. Returns the
/// letters' numbers (empty: nothing linked).
pub(crate) async fn link(
    txn: &DatabaseTransaction,
    act: &Acting<'_>,
    case: &cases::Model,
    certificate_ids: &[i64],
) -> Result<Vec<String>> {
    let mut found: Vec<letters::Model> = Vec::new();
    let mut covered = 0;
    for id in certificate_ids {
        if let Some(l) = letter_of(txn, *id).await? {
            covered += 1;
            // One collective letter may cover several certificates.
            if !found.iter().any(|f| f.id == l.id) {
                found.push(l);
            }
        }
    }
    // Each certificate named must have its letter here; otherwise the
    // applicant still brings the copies.
    if certificate_ids.is_empty() || covered < certificate_ids.len() {
        return Ok(vec![]);
    }
    let Some(item) = case_requirements::Entity::find()
        .filter(case_requirements::Column::CaseId.eq(case.id))
        .filter(case_requirements::Column::Code.is_in(CODES))
        .one(txn)
        .await?
    else {
        return Ok(vec![]);
    };
    let named: Vec<String> = found
        .iter()
        .map(|l| {
            let nomor = l.nomor.clone().unwrap_or_default();
            match l.issued_at {
                Some(t) => format!(
                    "{nomor} tanggal {}",
                    t.with_timezone(act.now().offset()).format("%d/%m/%Y")
                ),
                None => nomor,
            }
        })
        .collect();
    let label = format!(
        "{}: nomor {} (diterbitkan melalui Loket)",
        item.label,
        named.join("; ")
    );
    let mut am: case_requirements::ActiveModel = item.into();
    am.label = Set(label);
    am.checked = Set(true);
    am.checked_by = Set(Some(act.name()));
    am.checked_at = Set(Some(act.now()));
    am.update(txn).await?;
    let numbers: Vec<String> = found.into_iter().filter_map(|l| l.nomor).collect();
    act.record(
        txn,
        Entry::new(
            "case.previous_letter",
            "case",
            case.id,
            serde_json::json!({ "nomor": case.nomor, "surat": numbers }),
        ),
    )
    .await?;
    Ok(numbers)
}
