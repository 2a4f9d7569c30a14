//! The backup file: a copy of the SQLite database encrypted with a key
//! derived from the data key, in chunks (XChaCha20-Poly1305, the STREAM
//! construction: each chunk's nonce carries its number and whether it is the
//! last). A chunk changed, moved, dropped or added, a file cut short, or a
//! header edited makes decryption fail; nothing of such a file is used.
//!
//! Layout: `LOKETBK1`, the header's length (4 bytes, big-endian), the header
//! (JSON, readable without the key: when and by which key it was made), the
//! 19-byte nonce prefix, then the chunks. Everything before the chunks is
//! authenticated with every chunk.

use std::io::{Read, Write};

use chacha20poly1305::aead::Payload;
use chacha20poly1305::aead::stream::{DecryptorBE32, EncryptorBE32};
use chrono::{DateTime, FixedOffset};
use rand::{CryptoRng, RngCore};
use serde::{Deserialize, Serialize};

use crate::secrets::BackupKey;
use crate::{Error, Result};

/// The first bytes of every backup file.
pub const MAGIC: &[u8; 8] = b"LOKETBK1";
/// The header's `format`.
pub const FORMAT: &str = "loket/cadangan/v1";
/// Plaintext bytes per chunk (the last chunk is shorter, possibly empty).
pub const CHUNK: usize = 1 << 20;
const TAG: usize = 16;
const NONCE_PREFIX: usize = 19;
const MAX_HEADER: usize = 64 * 1024;

/// What a backup says about itself, in clear.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub format: String,
    /// When the copy was taken.
    pub dibuat: DateTime<FixedOffset>,
    /// The check value of the data key it was made with.
    pub kunci: String,
    /// Size of the database copy in bytes.
    pub ukuran: u64,
    /// The audit log's head at the copy ("seq:hash"), if it had entries.
    pub audit: Option<String>,
    /// The Loket version that made it.
    pub versi: String,
}

fn refused(reason: impl Into<String>) -> Error {
    Error::Tampered(format!("Cadangan ditolak: {}", reason.into()))
}

fn io<'a>(path: &'a str, action: &'static str) -> impl Fn(std::io::Error) -> Error + 'a {
    move |source| Error::File {
        path: path.to_string(),
        action,
        source,
    }
}

/// Reads as many bytes as fit in `buf` (fewer only at the end of `input`).
fn fill(input: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match input.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// Encrypts all of `input` (the database copy) into `out` under `header`;
/// `progress` hears the plaintext bytes done so far. Returns the bytes written.
pub fn seal(
    input: &mut impl Read,
    out: &mut impl Write,
    key: &BackupKey,
    header: &Header,
    rng: &mut (impl RngCore + CryptoRng),
    progress: &dyn Fn(u64),
) -> Result<u64> {
    let json = serde_json::to_vec(header).map_err(|e| Error::Corrupt(e.to_string()))?;
    let mut nonce = [0u8; NONCE_PREFIX];
    rng.fill_bytes(&mut nonce);
    let mut preamble = Vec::with_capacity(MAGIC.len() + 4 + json.len() + NONCE_PREFIX);
    preamble.extend_from_slice(MAGIC);
    preamble.extend_from_slice(&(json.len() as u32).to_be_bytes());
    preamble.extend_from_slice(&json);
    preamble.extend_from_slice(&nonce);
    let werr = io("berkas cadangan", "ditulis");
    out.write_all(&preamble).map_err(&werr)?;
    let mut written = preamble.len() as u64;
    let mut stream = EncryptorBE32::from_aead(key.cipher(), nonce.as_ref().into());
    let mut buf = vec![0u8; CHUNK];
    let mut done = 0u64;
    loop {
        let n = fill(input, &mut buf).map_err(io("salinan basis data", "dibaca"))?;
        let payload = Payload {
            msg: &buf[..n],
            aad: &preamble,
        };
        if n < CHUNK {
            // The last chunk (consuming the stream) is marked as such.
            return finish(stream, payload, out, written, done + n as u64, progress);
        }
        let sealed = stream
            .encrypt_next(payload)
            .map_err(|_| Error::Crypto("enkripsi cadangan gagal".into()))?;
        out.write_all(&sealed).map_err(&werr)?;
        written += sealed.len() as u64;
        done += n as u64;
        progress(done);
    }
}

fn finish(
    stream: EncryptorBE32<chacha20poly1305::XChaCha20Poly1305>,
    payload: Payload<'_, '_>,
    out: &mut impl Write,
    written: u64,
    done: u64,
    progress: &dyn Fn(u64),
) -> Result<u64> {
    let sealed = stream
        .encrypt_last(payload)
        .map_err(|_| Error::Crypto("enkripsi cadangan gagal".into()))?;
    out.write_all(&sealed)
        .map_err(io("berkas cadangan", "ditulis"))?;
    out.flush().map_err(io("berkas cadangan", "ditulis"))?;
    progress(done);
    Ok(written + sealed.len() as u64)
}

/// The header and the bytes before the chunks, read from the start of a
/// backup file. Refuses what is not a Loket backup.
pub fn open_header(input: &mut impl Read) -> Result<(Header, Vec<u8>)> {
    let mut start = [0u8; 12];
    let n = fill(input, &mut start).map_err(io("berkas cadangan", "dibaca"))?;
    if n < start.len() || &start[..8] != MAGIC {
        return Err(refused("ini bukan berkas cadangan Loket"));
    }
    let len = u32::from_be_bytes([start[8], start[9], start[10], start[11]]) as usize;
    if len > MAX_HEADER {
        return Err(refused("kepala berkas tidak terbaca"));
    }
    let mut rest = vec![0u8; len + NONCE_PREFIX];
    if fill(input, &mut rest).map_err(io("berkas cadangan", "dibaca"))? < rest.len() {
        return Err(refused("berkas terpotong (kepalanya pun tidak utuh)"));
    }
    let header: Header =
        serde_json::from_slice(&rest[..len]).map_err(|_| refused("kepala berkas tidak terbaca"))?;
    if header.format != FORMAT {
        return Err(refused(format!(
            "format {} tidak dikenal versi Loket ini",
            header.format
        )));
    }
    let mut preamble = start.to_vec();
    preamble.extend_from_slice(&rest);
    Ok((header, preamble))
}

/// Decrypts the chunks after [`open_header`] into `out`, refusing a file
/// made with another data key, altered, cut short or with bytes added.
/// `progress` hears the plaintext bytes done so far.
pub fn open(
    input: &mut impl Read,
    header: &Header,
    preamble: &[u8],
    out: &mut impl Write,
    key: &BackupKey,
    progress: &dyn Fn(u64),
) -> Result<u64> {
    if header.kunci != key.check_value() {
        return Err(refused(
            "cadangan ini dibuat dengan kunci data lain (dari instalasi atau kantor lain), \
             bukan kunci data desk ini",
        ));
    }
    let nonce = &preamble[preamble.len() - NONCE_PREFIX..];
    let mut stream = DecryptorBE32::from_aead(key.cipher(), nonce.into());
    let mut buf = vec![0u8; CHUNK + TAG];
    let mut done = 0u64;
    let werr = io("salinan sementara", "ditulis");
    let altered =
        || refused("isi berkas telah diubah atau rusak (tidak lolos pemeriksaan enkripsi)");
    loop {
        let n = fill(input, &mut buf).map_err(io("berkas cadangan", "dibaca"))?;
        let payload = Payload {
            msg: &buf[..n],
            aad: preamble,
        };
        if n == buf.len() {
            let plain = stream.decrypt_next(payload).map_err(|_| altered())?;
            out.write_all(&plain).map_err(&werr)?;
            done += plain.len() as u64;
            progress(done);
            continue;
        }
        if n < TAG {
            return Err(refused(
                "berkas terpotong: bagian akhirnya hilang (disalin tidak sampai selesai?)",
            ));
        }
        let plain = stream.decrypt_last(payload).map_err(|_| {
            // A short chunk that is not the marked last one: the file ends
            // in the middle (cut short), or its bytes were changed.
            refused(
                "berkas terpotong atau diubah: bagian akhirnya tidak utuh \
                 (disalin tidak sampai selesai?)",
            )
        })?;
        out.write_all(&plain).map_err(&werr)?;
        done += plain.len() as u64;
        out.flush().map_err(&werr)?;
        progress(done);
        if done != header.ukuran {
            return Err(refused(
                "ukuran isi tidak sama dengan yang dicatat kepalanya",
            ));
        }
        return Ok(done);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secrets::{DataKey, Secret};
    use chrono::TimeZone;
    use rand::rngs::OsRng;

    fn key(b: u8) -> BackupKey {
        DataKey::from_master(&Secret::new(vec![b; 32]))
            .unwrap()
            .backup_key()
    }

    fn header(k: &BackupKey, size: usize) -> Header {
        Header {
            format: FORMAT.into(),
            dibuat: FixedOffset::east_opt(8 * 3600)
                .unwrap()
                .with_ymd_and_hms(2026, 12, 1, 17, 0, 0)
                .unwrap(),
            kunci: k.check_value().into(),
            ukuran: size as u64,
            audit: Some("3:abc".into()),
            versi: "0.1.0".into(),
        }
    }

    fn sealed(k: &BackupKey, data: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        seal(
            &mut &data[..],
            &mut out,
            k,
            &header(k, data.len()),
            &mut OsRng,
            &|_| {},
        )
        .unwrap();
        out
    }

    fn opened(k: &BackupKey, file: &[u8]) -> Result<Vec<u8>> {
        let mut input = file;
        let (h, pre) = open_header(&mut input)?;
        let mut out = Vec::new();
        open(&mut input, &h, &pre, &mut out, k, &|_| {})?;
        Ok(out)
    }

    fn reason(r: Result<Vec<u8>>) -> String {
        r.map(|_| "dibuka".to_string())
            .unwrap_or_else(|e| e.to_string())
    }

    #[test]
    fn a_backup_opens_whole_at_every_size_around_a_chunk() {
        let k = key(1);
        for size in [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK] {
            let data: Vec<u8> = (0..size).map(|i| (i * 7 % 251) as u8).collect();
            let file = sealed(&k, &data);
            assert_eq!(opened(&k, &file).unwrap(), data, "size {size}");
        }
    }

    #[test]
    fn a_cut_altered_extended_or_foreign_backup_is_refused() {
        let k = key(1);
        let data: Vec<u8> = (0..(2 * CHUNK + 100)).map(|i| (i % 253) as u8).collect();
        let file = sealed(&k, &data);
        // Cut at a chunk boundary: every remaining chunk is whole.
        let boundary = file.len() - (100 + TAG);
        assert!(reason(opened(&k, &file[..boundary])).contains("terpotong"));
        assert!(reason(opened(&k, &file[..file.len() - 1])).contains("terpotong"));
        assert!(reason(opened(&k, &file[..40])).contains("terpotong"));
        let mut flipped = file.clone();
        flipped[file.len() / 2] ^= 1;
        assert!(reason(opened(&k, &flipped)).contains("diubah"));
        let mut longer = file.clone();
        longer.extend_from_slice(&[0; 10]);
        assert!(reason(opened(&k, &longer)).contains("Cadangan ditolak"));
        assert!(reason(opened(&key(2), &file)).contains("kunci data lain"));
        // The header names the other key's check value: the chunks still fail.
        let len = u32::from_be_bytes(file[8..12].try_into().unwrap()) as usize;
        let text = std::str::from_utf8(&file[12..12 + len]).unwrap();
        let forged = text.replace(k.check_value(), key(2).check_value());
        let mut swapped = file.clone();
        swapped[12..12 + len].copy_from_slice(forged.as_bytes());
        assert!(reason(opened(&key(2), &swapped)).contains("diubah"));
        assert!(reason(opened(&k, b"SQLite format 3\0 and more bytes")).contains("bukan berkas"));
    }
}
