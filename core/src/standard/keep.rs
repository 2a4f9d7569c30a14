//! The standard in force, read and saved: the stored one or the defaults
//! (carrying over the separate settings an office kept before), checked
//! field by field before it is saved with its audit entry.

use std::collections::BTreeMap;

use sea_orm::{ConnectionTrait, DatabaseConnection};

use super::defaults;
use super::model::{
    SETTING, ServiceComponents, ServiceStandard, Standard, StandardView, components,
};
use crate::audit::{Acting, Entry};
use crate::calendar::hours;
use crate::catalogue;
use crate::error::to_json;
use crate::lifecycle::vocabulary::Layanan;
use crate::{Error, Result, store};

/// The standard in force: the stored one, or the defaults. Before the
/// standard was kept as data an office set one promised time for every
/// service, the kiosk's cost and complaint texts and whether BSrE's time
/// counts as separate settings; the defaults carry those over.
pub async fn standard(db: &impl ConnectionTrait) -> Result<Standard> {
    if let Some(json) = store::setting(db, SETTING).await? {
        return serde_json::from_str(&json).map_err(|e| Error::setting(SETTING, e));
    }
    let mut s = defaults::standard();
    let days = match store::setting(db, "surat").await? {
        Some(json) => serde_json::from_str::<serde_json::Value>(&json)
            .ok()
            .and_then(|v| v.get("hari_kerja_layanan")?.as_u64())
            .and_then(|n| u32::try_from(n).ok()),
        None => None,
    };
    let cost = store::setting(db, "kiosk_biaya").await?;
    let complaints = store::setting(db, "kiosk_pengaduan").await?;
    let bsre = store::setting(db, "tenggat_jeda_bsre").await?;
    for svc in &mut s.layanan {
        if let Some(n) = days {
            svc.hari_kerja = n;
        }
        if let Some(c) = &cost {
            svc.biaya.clone_from(c);
        }
        if let Some(c) = &complaints {
            svc.pengaduan.clone_from(c);
        }
        if bsre.as_deref() == Some("tidak") {
            svc.jeda_bsre = false;
        }
    }
    Ok(s)
}

/// The standard of one service.
pub async fn service(db: &impl ConnectionTrait, l: Layanan) -> Result<ServiceStandard> {
    Ok(standard(db).await?.of(l)?.clone())
}

/// The standard and its fourteen components per service.
/// `tz`: the desk's time zone, printed with the hours.
pub async fn view(db: &impl ConnectionTrait, tz: chrono::FixedOffset) -> Result<StandardView> {
    let standar = standard(db).await?;
    let hours = hours::hours(db).await?.printed(tz);
    let mut rincian = Vec::new();
    for s in &standar.layanan {
        let reqs: Vec<String> = catalogue::requirements_for(db, s.layanan)
            .await?
            .into_iter()
            .map(|r| r.label)
            .collect();
        rincian.push(ServiceComponents {
            layanan: s.layanan,
            komponen: components(s, &standar.pejabat_pengaduan, &reqs, &hours),
        });
    }
    Ok(StandardView { standar, rincian })
}

/// Checks a standard; each problem is named next to its field
/// (`layanan.1.hari_kerja`, `maklumat`, ...).
pub fn check(s: &Standard) -> Result<Standard> {
    let mut f = BTreeMap::new();
    let mut clean = s.clone();
    clean.nomor_sk = crate::text::field(
        &mut f,
        "nomor_sk",
        crate::text::line(&s.nomor_sk, "Nomor SK", 100),
        false,
    );
    clean.pejabat_pengaduan = crate::text::field(
        &mut f,
        "pejabat_pengaduan",
        crate::text::line(&s.pejabat_pengaduan, "Pejabat pengaduan", 200),
        false,
    );
    // The two deadline rules are chosen knowingly: the screen sends
    // `aturan_dipilih` only once the admin has picked both.
    if !s.aturan_dipilih {
        f.insert(
            "aturan".into(),
            "Pilih kedua aturan tenggat kantor: apakah waktu menunggu BSrE dihitung, dan kapan tenggat berakhir.".into(),
        );
    }
    clean.maklumat = crate::text::field(
        &mut f,
        "maklumat",
        crate::text::lines(&s.maklumat, "Maklumat", 2000),
        true,
    );
    let order: Vec<Layanan> = s.layanan.iter().map(|x| x.layanan).collect();
    if order != Layanan::ALL {
        f.insert(
            "layanan".into(),
            "Standar harus memuat keempat layanan, masing-masing sekali.".into(),
        );
    }
    for (i, (svc, out)) in s.layanan.iter().zip(clean.layanan.iter_mut()).enumerate() {
        if !(1..=60).contains(&svc.hari_kerja) {
            f.insert(
                format!("layanan.{i}.hari_kerja"),
                "Isi 1 sampai 60 hari kerja.".into(),
            );
        }
        // A range promises by its upper bound; its lower bound is below it.
        if svc
            .hari_kerja_min
            .is_some_and(|m| m == 0 || m >= svc.hari_kerja)
        {
            f.insert(
                format!("layanan.{i}.hari_kerja_min"),
                "Paling cepat 1 hari kerja dan kurang dari jangka waktu; kosongkan bila bukan rentang."
                    .into(),
            );
        }
        let texts: [(&str, &str, &mut String, &str); 12] = [
            ("prosedur", "Prosedur", &mut out.prosedur, &svc.prosedur),
            ("biaya", "Biaya", &mut out.biaya, &svc.biaya),
            ("produk", "Produk", &mut out.produk, &svc.produk),
            ("pengaduan", "Pengaduan", &mut out.pengaduan, &svc.pengaduan),
            (
                "dasar_hukum",
                "Dasar hukum",
                &mut out.dasar_hukum,
                &svc.dasar_hukum,
            ),
            ("sarana", "Sarana", &mut out.sarana, &svc.sarana),
            (
                "kompetensi",
                "Kompetensi",
                &mut out.kompetensi,
                &svc.kompetensi,
            ),
            (
                "pengawasan",
                "Pengawasan",
                &mut out.pengawasan,
                &svc.pengawasan,
            ),
            (
                "jumlah_pelaksana",
                "Jumlah pelaksana",
                &mut out.jumlah_pelaksana,
                &svc.jumlah_pelaksana,
            ),
            (
                "jaminan_pelayanan",
                "Jaminan pelayanan",
                &mut out.jaminan_pelayanan,
                &svc.jaminan_pelayanan,
            ),
            (
                "jaminan_keamanan",
                "Jaminan keamanan",
                &mut out.jaminan_keamanan,
                &svc.jaminan_keamanan,
            ),
            ("evaluasi", "Evaluasi", &mut out.evaluasi, &svc.evaluasi),
        ];
        for (key, label, dest, value) in texts {
            *dest = crate::text::field(
                &mut f,
                format!("layanan.{i}.{key}"),
                crate::text::lines(value, label, 4000),
                true,
            );
        }
    }
    Error::fields(f)?;
    Ok(clean)
}

/// Saves the standard (checked first) in one transaction with its audit entry.
pub async fn save(db: &DatabaseConnection, act: &Acting<'_>, s: &Standard) -> Result<Standard> {
    let clean = check(s)?;
    let rules: serde_json::Map<String, serde_json::Value> = clean
        .layanan
        .iter()
        .map(|x| {
            (
                x.layanan.as_str().to_string(),
                serde_json::json!({ "jeda_bsre": x.jeda_bsre, "akhir_tenggat": x.akhir_tenggat }),
            )
        })
        .collect();
    let days: serde_json::Map<String, serde_json::Value> = clean
        .layanan
        .iter()
        .map(|x| (x.layanan.as_str().to_string(), x.hari_kerja.into()))
        .collect();
    act.set_setting(
        db,
        SETTING,
        &to_json(&clean)?,
        Entry::new(
            "settings.standard",
            "setting",
            SETTING,
            serde_json::json!({ "nomor_sk": clean.nomor_sk, "hari_kerja": days, "aturan_tenggat": rules }),
        ),
    )
    .await?;
    Ok(clean)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_pass_their_own_check_and_list_fourteen_components() {
        let mut s = defaults::standard();
        s.aturan_dipilih = true;
        assert_eq!(check(&s).unwrap(), s);
        for svc in &s.layanan {
            let c = components(svc, "", &["Surat permohonan".into()], "Senin-Jumat");
            assert_eq!(c.len(), 14);
            assert_eq!(c[5].uraian, svc.pengaduan, "no officer, no line for one");
            let named = components(svc, "Meidy, HP 0856", &[], "Senin-Jumat");
            assert!(
                named[5]
                    .uraian
                    .ends_with("\nPejabat pengaduan: Meidy, HP 0856"),
                "{}",
                named[5].uraian
            );
            assert_eq!(c[0].uraian, "1. Surat permohonan");
            assert!(c[2].uraian.starts_with(&format!(
                "{} hari kerja sejak berkas lengkap",
                svc.hari_kerja
            )));
        }
        assert_eq!(s.of(Layanan::PerubahanData).unwrap().hari_kerja, 5);
        assert_eq!(s.of(Layanan::Penerbitan).unwrap().hari_kerja, 3);
    }

    /// A service time as a range prints both bounds and promises the upper.
    #[test]
    fn a_range_prints_both_bounds() {
        let mut s = defaults::standard().layanan[0].clone();
        s.hari_kerja_min = Some(1);
        let text = super::super::model::time_text(&s, "Senin-Jumat");
        assert!(
            text.starts_with("1 s.d. 3 hari kerja sejak berkas lengkap"),
            "{text}"
        );
        s.hari_kerja_min = None;
        let one = super::super::model::time_text(&s, "Senin-Jumat");
        assert!(one.starts_with("3 hari kerja sejak"), "{one}");
    }

    #[test]
    fn a_bad_standard_names_each_field() {
        let mut s = defaults::standard();
        s.layanan[1].hari_kerja = 0;
        s.layanan[2].biaya = "  ".into();
        s.layanan[3].hari_kerja_min = Some(3);
        s.maklumat = "a\u{202e}b".into();
        let Err(Error::Invalid { fields, .. }) = check(&s) else {
            panic!("accepted");
        };
        assert!(
            fields.contains_key("layanan.3.hari_kerja_min"),
            "a range's lower bound at its upper one: {fields:?}"
        );
        assert!(fields.contains_key("layanan.1.hari_kerja"), "{fields:?}");
        assert!(fields.contains_key("layanan.2.biaya"), "{fields:?}");
        assert!(fields.contains_key("maklumat"), "{fields:?}");
        assert!(
            fields.contains_key("aturan"),
            "the rules not chosen: {fields:?}"
        );
        s = defaults::standard();
        s.aturan_dipilih = true;
        s.layanan.swap(0, 1);
        assert!(check(&s).is_err(), "services out of order or repeated");
    }
}
