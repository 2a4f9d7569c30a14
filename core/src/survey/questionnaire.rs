//! The questionnaire of the satisfaction survey: the nine elements of
//! PermenPANRB 14/2017, each one question with four graded answers (1 the
//! worst, 4 the best), in the wording of the regulation's model form unless
//! the office changed it; and the respondent profile the form asks.

use std::collections::BTreeMap;

use sea_orm::{ConnectionTrait, DatabaseConnection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::ikm::ELEMENTS;
use crate::audit::{Acting, Entry};
use crate::error::to_json;
use crate::text::field;
use crate::{Error, Result, store};

/// Setting: the office's wording, as JSON.
pub const SETTING: &str = "skm_kuesioner";

/// The nine elements (unsur), in the regulation's order U1-U9.
pub const UNSUR: [&str; ELEMENTS] = [
    "Persyaratan",
    "Sistem, mekanisme dan prosedur",
    "Waktu penyelesaian",
    "Biaya/tarif",
    "Produk spesifikasi jenis pelayanan",
    "Kompetensi pelaksana",
    "Perilaku pelaksana",
    "Sarana dan prasarana",
    "Penanganan pengaduan, saran dan masukan",
];

/// The model form's questions and answers.
const MODEL: [(&str, [&str; 4]); ELEMENTS] = [
    (
        "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
        ["Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"],
    ),
    (
        "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
        ["Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"],
    ),
    (
        "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
        ["Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"],
    ),
    (
        "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
        ["Sangat mahal", "Cukup mahal", "Murah", "Gratis"],
    ),
    (
        "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?",
        ["Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"],
    ),
    (
        "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
        [
            "Tidak kompeten",
            "Kurang kompeten",
            "Kompeten",
            "Sangat kompeten",
        ],
    ),
    (
        "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
        [
            "Tidak sopan dan ramah",
            "Kurang sopan dan ramah",
            "Sopan dan ramah",
            "Sangat sopan dan ramah",
        ],
    ),
    (
        "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
        ["Buruk", "Cukup", "Baik", "Sangat baik"],
    ),
    (
        "Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
        [
            "Tidak ada",
            "Ada tetapi tidak berfungsi",
            "Berfungsi kurang maksimal",
            "Dikelola dengan baik",
        ],
    ),
];

/// Age groups of the profile.
pub const UMUR: [&str; 5] = ["Di bawah 26", "26-35", "36-45", "46-55", "Di atas 55"];
/// Sex as the form asks it.
pub const JENIS_KELAMIN: [&str; 2] = ["Laki-laki", "Perempuan"];
/// Education as the form lists it.
pub const PENDIDIKAN: [&str; 8] = ["SD ke bawah", "SMP", "SMA", "D1-D3", "D4", "S1", "S2", "S3"];
/// Occupation as the form lists it, with PPPK beside PNS (the desk serves
/// both kinds of ASN).
pub const PEKERJAAN: [&str; 7] = [
    "PNS",
    "PPPK",
    "TNI",
    "POLRI",
    "Swasta",
    "Wirausaha",
    "Lainnya",
];

/// One element's question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Question {
    /// The element's name (not editable).
    pub unsur: String,
    pub pertanyaan: String,
    /// The four answers, from score 1 to score 4.
    pub jawaban: Vec<String>,
}

/// The questionnaire and the profile's choices, as the kiosk and the paper
/// entry screen show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Questionnaire {
    pub pertanyaan: Vec<Question>,
    #[serde(default)]
    pub umur: Vec<String>,
    #[serde(default)]
    pub jenis_kelamin: Vec<String>,
    #[serde(default)]
    pub pendidikan: Vec<String>,
    #[serde(default)]
    pub pekerjaan: Vec<String>,
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| (*s).to_string()).collect()
}

/// The regulation's model form.
pub fn model() -> Questionnaire {
    Questionnaire {
        pertanyaan: UNSUR
            .iter()
            .zip(MODEL)
            .map(|(u, (q, a))| Question {
                unsur: (*u).into(),
                pertanyaan: q.into(),
                jawaban: strings(&a),
            })
            .collect(),
        umur: strings(&UMUR),
        jenis_kelamin: strings(&JENIS_KELAMIN),
        pendidikan: strings(&PENDIDIKAN),
        pekerjaan: strings(&PEKERJAAN),
    }
}

/// The questionnaire in force: the office's wording, or the model form's.
/// The profile's choices are always the regulation's.
pub async fn questionnaire(db: &impl ConnectionTrait) -> Result<Questionnaire> {
    let mut q = match store::setting(db, SETTING).await? {
        Some(json) => {
            serde_json::from_str::<Questionnaire>(&json).map_err(|e| Error::setting(SETTING, e))?
        }
        None => model(),
    };
    let m = model();
    q.umur = m.umur;
    q.jenis_kelamin = m.jenis_kelamin;
    q.pendidikan = m.pendidikan;
    q.pekerjaan = m.pekerjaan;
    Ok(q)
}

/// Checks the office's wording; each problem is named next to its field
/// (`pertanyaan.3.jawaban.1`). The elements themselves cannot change.
pub fn check(q: &Questionnaire) -> Result<Questionnaire> {
    if q.pertanyaan.len() != ELEMENTS {
        return Err(Error::field(
            "pertanyaan",
            "Kuesioner harus memuat sembilan unsur.",
        ));
    }
    let mut f = BTreeMap::new();
    let mut clean = model();
    for (i, (given, out)) in q.pertanyaan.iter().zip(&mut clean.pertanyaan).enumerate() {
        out.pertanyaan = field(
            &mut f,
            format!("pertanyaan.{i}.pertanyaan"),
            crate::text::lines(&given.pertanyaan, "Pertanyaan", 400),
            true,
        );
        if given.jawaban.len() != 4 {
            f.insert(
                format!("pertanyaan.{i}.jawaban"),
                "Setiap pertanyaan memiliki empat pilihan jawaban.".into(),
            );
            continue;
        }
        for (j, a) in given.jawaban.iter().enumerate() {
            out.jawaban[j] = field(
                &mut f,
                format!("pertanyaan.{i}.jawaban.{j}"),
                crate::text::line(a, "Jawaban", 80),
                true,
            );
        }
    }
    Error::fields(f)?;
    Ok(clean)
}

/// Saves the office's wording with its audit entry.
pub async fn save(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    q: &Questionnaire,
) -> Result<Questionnaire> {
    let clean = check(q)?;
    act.set_setting(
        db,
        SETTING,
        &to_json(&clean)?,
        Entry::new("setting.change", "setting", SETTING, serde_json::json!({})),
    )
    .await?;
    Ok(clean)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_model_form_has_nine_questions_of_four_answers() {
        let m = model();
        assert_eq!(m.pertanyaan.len(), 9);
        assert!(m.pertanyaan.iter().all(|q| q.jawaban.len() == 4));
        assert_eq!(m.pertanyaan[3].jawaban[3], "Gratis");
        assert!(check(&m).is_ok());
    }

    #[test]
    fn an_empty_answer_is_named_and_the_elements_cannot_be_renamed() {
        let mut q = model();
        q.pertanyaan[2].jawaban[1] = "  ".into();
        q.pertanyaan[0].unsur = "Lain".into();
        let Err(Error::Invalid { fields, .. }) = check(&q) else {
            panic!("an empty answer was accepted");
        };
        assert!(fields.contains_key("pertanyaan.2.jawaban.1"), "{fields:?}");
        q.pertanyaan[2].jawaban[1] = "Agak lambat".into();
        let clean = check(&q).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(clean.pertanyaan[0].unsur, "Persyaratan");
        assert_eq!(clean.pertanyaan[2].jawaban[1], "Agak lambat");
    }
}
