//! A sealed (passphrase-protected) snapshot: one JSON header line, then the ciphertext.
//!
//! ```text
//! {"format":"uptake.snapshot.sealed","version":1,"key_fingerprint":"…","kdf":"PBKDF2-SHA256",
//!  "iterations":600000,"salt":"<32 hex>","cipher":"AES-256-GCM","iv":"<24 hex>"}\n
//! <AES-256-GCM ciphertext of the plain snapshot, 16-byte tag at the end>
//! ```
//!
//! The key is PBKDF2-HMAC-SHA256 of the passphrase with the salt and iteration count of the
//! header (600 000 iterations, OWASP's 2023 advice for PBKDF2-SHA256); the header line itself,
//! newline included, is the additional authenticated data, so no parameter can be changed
//! without the passphrase. The browser's Web Crypto does the cryptography (the worker's
//! `crypto` module); this module only writes and reads the header, so any tool with AES-GCM
//! and PBKDF2 can open the file. The key fingerprint stays readable so a snapshot of another
//! org key is refused before anyone is asked for a passphrase.

use serde::{Deserialize, Serialize};

pub const SEALED_FORMAT: &str = "uptake.snapshot.sealed";
pub const SEALED_VERSION: u32 = 1;
pub const KDF: &str = "PBKDF2-SHA256";
pub const CIPHER: &str = "AES-256-GCM";
/// PBKDF2 iterations for new sealed snapshots.
pub const ITERATIONS: u32 = 600_000;
/// The fewest and most iterations a header may ask for (a forged header must not make the
/// page spin for hours, nor weaken the derivation).
const ITERATIONS_RANGE: (u32, u32) = (100_000, 10_000_000);

/// The readable first line of a sealed snapshot.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SealedHeader {
    pub format: String,
    pub version: u32,
    pub key_fingerprint: String,
    pub kdf: String,
    pub iterations: u32,
    /// Hex, 16 bytes or more.
    pub salt: String,
    pub cipher: String,
    /// Hex, 12 bytes.
    pub iv: String,
}

impl SealedHeader {
    pub fn new(key_fingerprint: &str, salt: &[u8; 16], iv: &[u8; 12]) -> SealedHeader {
        SealedHeader {
            format: SEALED_FORMAT.into(),
            version: SEALED_VERSION,
            key_fingerprint: key_fingerprint.into(),
            kdf: KDF.into(),
            iterations: ITERATIONS,
            salt: to_hex(salt),
            cipher: CIPHER.into(),
            iv: to_hex(iv),
        }
    }

    /// The header line, newline included (also the additional authenticated data).
    pub fn line(&self) -> Vec<u8> {
        let mut line = serde_json::to_vec(self).unwrap_or_default();
        line.push(b'\n');
        line
    }

    pub fn salt_bytes(&self) -> Vec<u8> {
        from_hex(&self.salt).unwrap_or_default()
    }

    pub fn iv_bytes(&self) -> Vec<u8> {
        from_hex(&self.iv).unwrap_or_default()
    }
}

/// Splits a sealed snapshot into its checked header and the offset of the ciphertext.
pub fn split(bytes: &[u8]) -> Result<(SealedHeader, usize), String> {
    let end = bytes
        .iter()
        .take(4096)
        .position(|&b| b == b'\n')
        .ok_or("no header line")?;
    let header: SealedHeader =
        serde_json::from_slice(&bytes[..end]).map_err(|e| format!("unreadable header ({e})"))?;
    if header.format != SEALED_FORMAT {
        return Err(format!("format \"{}\"", header.format));
    }
    if header.version != SEALED_VERSION {
        return Err(format!(
            "sealed by a newer Uptake (version {})",
            header.version
        ));
    }
    if header.kdf != KDF || header.cipher != CIPHER {
        return Err(format!(
            "unknown protection {} / {}",
            header.kdf, header.cipher
        ));
    }
    if !(ITERATIONS_RANGE.0..=ITERATIONS_RANGE.1).contains(&header.iterations) {
        return Err(format!("{} key-derivation iterations", header.iterations));
    }
    if from_hex(&header.salt).is_none_or(|s| s.len() < 16)
        || from_hex(&header.iv).is_none_or(|iv| iv.len() != 12)
    {
        return Err("a bad salt or nonce".into());
    }
    if bytes.len() < end + 1 + 16 {
        return Err("no ciphertext".into());
    }
    Ok((header, end + 1))
}

fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn from_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_reads_back_and_bad_ones_are_refused() {
        let header = SealedHeader::new("abc123", &[7; 16], &[9; 12]);
        let mut file = header.line();
        file.extend_from_slice(&[0u8; 40]);
        let (read, at) = split(&file).unwrap();
        assert_eq!((read.clone(), at), (header.clone(), header.line().len()));
        assert_eq!(read.salt_bytes(), vec![7; 16]);
        assert_eq!(read.iv_bytes(), vec![9; 12]);
        assert!(super::super::sniff(&file));

        let forged = |edit: &dyn Fn(&mut SealedHeader)| {
            let mut h = header.clone();
            edit(&mut h);
            let mut f = h.line();
            f.extend_from_slice(&[0u8; 40]);
            split(&f)
        };
        assert!(forged(&|h| h.iterations = 1).is_err());
        assert!(forged(&|h| h.iv = "00".into()).is_err());
        assert!(forged(&|h| h.cipher = "ROT13".into()).is_err());
        assert!(forged(&|h| h.version = 2).is_err());
        // A header without ciphertext (the 16-byte tag at least).
        assert!(split(&header.line()).is_err());
    }
}
