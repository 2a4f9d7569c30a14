//! The office's official e-mail domain (`denpasarkota.go.id`): an applicant
//! whose e-mail is elsewhere is warned at intake (BSrE issues certificates to
//! official addresses), a subdomain counts as the domain. Empty: no warning.
//! The admin sets it on the *Persyaratan & alasan* screen; the change is
//! audited.

use std::collections::BTreeMap;

use sea_orm::{ConnectionTrait, DatabaseConnection};

use crate::audit::{Acting, Entry};
use crate::{Error, Result, store};

/// The domain in force ("" when none is set).
pub async fn official_domain(db: &impl ConnectionTrait) -> Result<String> {
    Ok(store::setting(db, store::SETTING_OFFICIAL_EMAIL_DOMAIN)
        .await?
        .unwrap_or_default())
}

/// A domain as the office types it (`@DenpasarKota.go.id `), or an error
/// at the field `domain`.
pub fn check_domain(text: &str) -> Result<String> {
    let d = text.trim().trim_start_matches('@').to_lowercase();
    if d.is_empty() {
        return Ok(d);
    }
    let labels: Vec<&str> = d.split('.').collect();
    let good = d.len() <= 100
        && labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        });
    if !good {
        let mut f = BTreeMap::new();
        f.insert(
            "domain".to_string(),
            "Tulis nama domain seperti denpasarkota.go.id (huruf, angka, tanda hubung dan titik), atau kosongkan.".to_string(),
        );
        Error::fields(f)?;
    }
    Ok(d)
}

/// Saves the domain with its audit entry; returns it as kept.
pub async fn save(db: &DatabaseConnection, act: &Acting<'_>, text: &str) -> Result<String> {
    let d = check_domain(text)?;
    act.set_setting(
        db,
        store::SETTING_OFFICIAL_EMAIL_DOMAIN,
        &d,
        Entry::new(
            "setting.change",
            "setting",
            store::SETTING_OFFICIAL_EMAIL_DOMAIN,
            serde_json::json!({ "domain": d }),
        ),
    )
    .await?;
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_domain_is_read_as_typed_and_a_bad_one_is_refused() {
        assert_eq!(
            check_domain(" @DenpasarKota.go.id ").unwrap(),
            "denpasarkota.go.id"
        );
        assert_eq!(check_domain("").unwrap(), "");
        for bad in [
            "denpasar kota.go.id",
            "localhost",
            "a..go.id",
            "-x.go.id",
            "x\u{202e}.go.id",
            "user@denpasarkota.go.id",
        ] {
            assert!(check_domain(bad).is_err(), "{bad}");
        }
    }
}
