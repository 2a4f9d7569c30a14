//! Reading names and dates out of certificates for people.

use der::asn1::ObjectIdentifier as Oid;
use der::{Tag, Tagged};
use x509_cert::Certificate;
use x509_cert::name::Name;

const COMMON_NAME: Oid = Oid::new_unwrap("2.5.4.3");
const SERIAL_NUMBER: Oid = Oid::new_unwrap("2.5.4.5");

fn text(value: &der::Any) -> Option<String> {
    let bytes = value.value();
    match value.tag() {
        Tag::Utf8String | Tag::PrintableString | Tag::Ia5String | Tag::VisibleString => {
            std::str::from_utf8(bytes).ok().map(str::to_string)
        }
        Tag::TeletexString => Some(bytes.iter().map(|&b| b as char).collect()),
        Tag::BmpString => {
            let units: Vec<u16> = bytes
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                .collect();
            String::from_utf16(&units).ok()
        }
        _ => None,
    }
}

fn attribute(name: &Name, oid: Oid) -> Option<String> {
    name.0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .find(|atv| atv.oid == oid)
        .and_then(|atv| text(&atv.value))
}

/// The common name (CN), or the whole name when it has none.
pub fn common_name(name: &Name) -> String {
    attribute(name, COMMON_NAME).unwrap_or_else(|| name.to_string())
}

/// The subject's serialNumber attribute: where a government certificate
/// carries the holder's NIK or NIP.
pub fn serial_number(name: &Name) -> Option<String> {
    attribute(name, SERIAL_NUMBER)
}

/// dd/mm/yyyy of seconds since 1970 (UTC).
pub fn date(secs: i64) -> String {
    chrono::DateTime::from_timestamp(secs, 0)
        .map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_default()
}

/// "dd/mm/yyyy s.d. dd/mm/yyyy".
pub fn validity(c: &Certificate) -> String {
    let v = &c.tbs_certificate.validity;
    format!(
        "{} s.d. {}",
        date(v.not_before.to_unix_duration().as_secs() as i64),
        date(v.not_after.to_unix_duration().as_secs() as i64)
    )
}
