//! Arbitrary Unicode (controls, bidi overrides, zero-width characters, very
//! long text among it) into the validators of what people type beyond the
//! applicant's form (which has its own property test in `applicants::check`):
//! letter settings, the catalogue of requirements and reasons, new operators.
//! Never a panic; only field messages; nothing hidden gets through.

use loket_core::Error;
use loket_core::office::settings::check_settings;
use loket_core::operators::accounts::{self, NewOperator};
use loket_core::operators::passwords::Password;
use loket_core::operators::roles::Role;
use loket_core::text::hidden;
use proptest::prelude::*;
use rand::rngs::OsRng;

use super::support::*;
use loket_core::catalogue;
use loket_core::catalogue::RequirementSpec;

const TYPED: &str =
    "(\\PC|[\\x00-\\x1f\\u{202a}-\\u{202e}\\u{200b}-\\u{200f}\\u{2066}-\\u{2069}\\u{feff}]){0,400}";

fn has_hidden(s: &str) -> bool {
    s.chars()
        .any(|c| hidden(c) || (c.is_control() && !matches!(c, '\n' | '\t' | '\r')))
}

/// The outcome is either accepted or field messages; hidden text never accepted.
fn judged(r: loket_core::Result<()>, typed: &str, field: &str) -> Result<(), TestCaseError> {
    match r {
        Ok(()) => prop_assert!(!has_hidden(typed), "{field} accepted hidden characters"),
        Err(Error::Invalid { fields, .. }) => {
            prop_assert!(!fields.is_empty(), "a refusal names at least one field");
            prop_assert!(
                fields.values().all(|m| !m.is_empty()),
                "every field named has a message to show"
            );
            if has_hidden(typed) {
                prop_assert!(fields.contains_key(field), "{field} not named: {fields:?}");
            }
        }
        Err(other) => prop_assert!(false, "not a field message: {other:?}"),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn letter_settings_take_any_text_and_answer_with_field_messages(
        which in 0usize..8,
        typed in TYPED,
    ) {
        let mut s = letter_settings();
        let field = match which {
            0 => { s.kop.pemerintah = typed.clone(); "kop.pemerintah" }
            1 => { s.kop.dinas = typed.clone(); "kop.dinas" }
            2 => { s.kop.alamat = typed.clone(); "kop.alamat" }
            3 => { s.tempat = typed.clone(); "tempat" }
            4 => { s.penandatangan[0].nama = typed.clone(); "penandatangan.0.nama" }
            5 => { s.penandatangan[0].jabatan = typed.clone(); "penandatangan.0.jabatan" }
            6 => { s.kode_unit = typed.clone(); "kode_unit" }
            _ => { s.klasifikasi_rekomendasi = typed.clone(); "klasifikasi_rekomendasi" }
        };
        judged(check_settings(&s), &typed, field)?;
    }
}

#[test]
fn the_catalogue_takes_any_label_and_answers_with_field_messages() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let base = rt.block_on(async {
        let t = TestDesk::sqlite().await;
        catalogue::catalogue(&t.db).await.unwrap()
    });
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(300));
    runner
        .run(&(any::<bool>(), TYPED), |(reason, typed)| {
            let mut c = base.clone();
            let field = if reason {
                c.alasan_penolakan[0].label = typed.clone();
                "alasan_penolakan.0.label"
            } else {
                c.penerbitan.push(RequirementSpec {
                    code: "tambahan".into(),
                    label: typed.clone(),
                    wajib: false,
                });
                "penerbitan.3.label"
            };
            judged(catalogue::check_catalogue(&c), &typed, field)
        })
        .unwrap();
}

#[test]
fn a_new_operators_name_takes_any_text_and_answers_with_field_messages() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let t = rt.block_on(TestDesk::sqlite());
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(60));
    runner
        .run(&TYPED, |typed| {
            let n = NewOperator {
                username: "petugas.baru".into(),
                nama: typed.clone(),
                roles: vec![Role::Operator],
                password: Password::from("kata-sandi-panjang-1"),
                password_ulang: Password::from("kata-sandi-panjang-1"),
            };
            // Checked before anything is hashed or stored: refusals are quick.
            let r = rt
                .block_on(accounts::create(&t.db, &t.as_("admin"), &mut OsRng, &n))
                .map(|_| ());
            let accepted = r.is_ok();
            judged(r, &typed, "nama")?;
            if accepted {
                // Make room for the next case under the same user name.
                rt.block_on(async {
                    use sea_orm::ConnectionTrait;
                    t.db.execute_unprepared(
                        "delete from operators where username = 'petugas.baru'",
                    )
                    .await
                    .unwrap();
                });
            }
            Ok(())
        })
        .unwrap();
}
