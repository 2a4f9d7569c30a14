//! The seals of the rows that grant power or send data out: each is an HMAC
//! ([`DataKey::row_seal`]) over the row's table, its identity and the values
//! that matter, kept in the row's `segel` column. Loket computes the seal
//! whenever it writes one of those values and checks it before it uses the
//! row ([`crate::integrity`]); whoever writes the database file without the
//! keyring cannot make a changed value fit its seal, nor move a row's values
//! to another row.
//!
//! What each seal covers, and why:
//! - settings: the name and the whole value (mail server and its authority,
//!   templates, calendar, service standard, letters, backup folder...).
//! - operators: user name, roles, active, locked and the password hash with
//!   its parameters (not the failure count, which every wrong password at a
//!   desk raises).
//! - "remember me" tokens: whose token, its hash, when made, revoked, locked,
//!   its working day and its last activity.
//! - the outbox: recipient, subject, body and attachment (not the sending
//!   state, which the sender changes on every attempt).
//! - corrections: what is corrected, from which value to which, why, who
//!   asked and when, and the decision (a waiting correction is applied on a
//!   second person's approval: a row edited meanwhile must not apply).

use chrono::{DateTime, FixedOffset};

use crate::entities::{corrections, operator_tokens, operators, outbox};
use crate::secrets::DataKey;

fn time(t: &DateTime<FixedOffset>) -> String {
    t.timestamp_micros().to_string()
}

fn maybe_time(t: &Option<DateTime<FixedOffset>>) -> String {
    t.as_ref().map(time).unwrap_or_default()
}

fn flag(b: bool) -> &'static [u8] {
    if b { b"1" } else { b"0" }
}

/// The seal of a setting.
pub fn setting(key: &DataKey, name: &str, value: &str) -> String {
    key.row_seal("settings", name, &[value.as_bytes()])
}

/// The seal of an operator.
pub fn operator(key: &DataKey, o: &operators::Model) -> String {
    key.row_seal(
        "operators",
        &o.id.to_string(),
        &[
            o.username.as_bytes(),
            o.roles.as_bytes(),
            flag(o.active),
            flag(o.locked),
            o.password_hash.as_bytes(),
        ],
    )
}

/// The seal of a "remember me" token.
pub fn token(key: &DataKey, t: &operator_tokens::Model) -> String {
    key.row_seal(
        "operator_tokens",
        &t.id.to_string(),
        &[
            t.operator_id.to_string().as_bytes(),
            t.token_hash.as_bytes(),
            time(&t.created_at).as_bytes(),
            maybe_time(&t.revoked_at).as_bytes(),
            maybe_time(&t.locked_at).as_bytes(),
            maybe_time(&t.session_at).as_bytes(),
            maybe_time(&t.aktif_at).as_bytes(),
        ],
    )
}

/// The seal of a correction or a step taken back.
pub fn correction(key: &DataKey, c: &corrections::Model) -> String {
    key.row_seal(
        "corrections",
        &c.id.to_string(),
        &[
            c.case_id.to_string().as_bytes(),
            c.applicant_id.to_string().as_bytes(),
            c.target.as_bytes(),
            c.target_id.to_string().as_bytes(),
            c.field.as_bytes(),
            c.lama.as_bytes(),
            c.baru.as_bytes(),
            c.reason.as_bytes(),
            c.state.as_bytes(),
            c.requested_by.as_bytes(),
            time(&c.requested_at).as_bytes(),
            c.decided_by.as_deref().unwrap_or("").as_bytes(),
            maybe_time(&c.decided_at).as_bytes(),
        ],
    )
}

/// The seal of a queued message.
pub fn message(key: &DataKey, m: &outbox::Model) -> String {
    let attachment = m
        .lampiran
        .as_deref()
        .map(|b| crate::secrets::hex(&<sha2::Sha256 as sha2::Digest>::digest(b)))
        .unwrap_or_default();
    let id = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
    key.row_seal(
        "outbox",
        &m.id.to_string(),
        &[
            m.message_id.as_bytes(),
            m.peristiwa.as_bytes(),
            id(m.case_id).as_bytes(),
            id(m.certificate_id).as_bytes(),
            id(m.letter_id).as_bytes(),
            m.penerima.as_bytes(),
            m.nama_penerima.as_bytes(),
            m.subjek.as_bytes(),
            m.isi.as_bytes(),
            m.lampiran_jenis.as_deref().unwrap_or("").as_bytes(),
            m.lampiran_nama.as_deref().unwrap_or("").as_bytes(),
            attachment.as_bytes(),
        ],
    )
}

/// Whether `stored` is `expected` (compared without an early exit).
pub fn holds(stored: Option<&str>, expected: &str) -> bool {
    let Some(stored) = stored else { return false };
    stored.len() == expected.len()
        && stored
            .bytes()
            .zip(expected.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secrets::Secret;

    #[test]
    fn a_seal_fits_only_its_own_row_and_values() {
        let key = DataKey::from_master(&Secret::new(vec![1; 32])).unwrap();
        let other = DataKey::from_master(&Secret::new(vec![2; 32])).unwrap();
        let s = setting(&key, "surel", "{\"host\":\"mail.go.id\"}");
        assert!(holds(
            Some(&s),
            &setting(&key, "surel", "{\"host\":\"mail.go.id\"}")
        ));
        assert!(!holds(
            Some(&s),
            &setting(&key, "surel", "{\"host\":\"evil.example\"}")
        ));
        assert!(!holds(
            Some(&s),
            &setting(&key, "surel2", "{\"host\":\"mail.go.id\"}")
        ));
        assert!(!holds(
            Some(&s),
            &setting(&other, "surel", "{\"host\":\"mail.go.id\"}")
        ));
        assert!(!holds(None, &s));
        // Text shifted between name and value does not collide.
        assert_ne!(setting(&key, "ab", "c"), setting(&key, "a", "bc"));
    }
}
